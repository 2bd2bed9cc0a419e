package lint

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Shard names part K of N of a run's files, for the jobs of a CI matrix:
// each job lints its part, and the union of their reports is the report
// of the whole run.
//
// The partition depends only on the list of files and their sizes, so
// every machine that checks out the same tree makes the same one: files
// by size, largest first (then by path), each to the part with the fewest
// bytes so far (the lowest-numbered of equals). Parts then take about as
// long as each other.
type Shard struct {
	K, N int
}

// ParseShard reads "K/N" (1 ≤ K ≤ N).
func ParseShard(s string) (Shard, error) {
	k, n, ok := strings.Cut(s, "/")
	ki, err1 := strconv.Atoi(strings.TrimSpace(k))
	ni, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || ni < 1 || ki < 1 || ki > ni {
		return Shard{}, fmt.Errorf("shard %q: want K/N with 1 <= K <= N, e.g. 2/4", s)
	}
	return Shard{K: ki, N: ni}, nil
}

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// on says whether the shard splits anything.
func (s Shard) on() bool { return s.N > 1 }

// split returns the indexes of files in part K and in the other parts.
// Standard input is always in part 1.
func (s Shard) split(files []input) (own, others []int) {
	type sized struct {
		i    int
		size int64
	}
	list := make([]sized, len(files))
	for i, f := range files {
		list[i] = sized{i: i}
		if !f.stdin {
			if fi, err := os.Stat(f.path); err == nil {
				list[i].size = fi.Size()
			}
		}
	}
	sort.SliceStable(list, func(a, b int) bool {
		if list[a].size != list[b].size {
			return list[a].size > list[b].size
		}
		return files[list[a].i].path < files[list[b].i].path
	})
	load := make([]int64, s.N)
	part := make([]int, len(files))
	for _, f := range list {
		best := 0
		if files[f.i].stdin {
			best = 0
		} else {
			for p := 1; p < s.N; p++ {
				if load[p] < load[best] {
					best = p
				}
			}
		}
		load[best] += f.size + 1 // an empty file still costs a lint
		part[f.i] = best
	}
	for i := range files {
		if part[i] == s.K-1 {
			own = append(own, i)
		} else if !files[i].stdin {
			others = append(others, i)
		}
	}
	return own, others
}
