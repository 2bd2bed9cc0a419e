package guide

// String is a text value of a guide with its position.
type String struct {
	Value string
	Pos   Pos
}

// Number is a numeric value of a guide with its position.
type Number struct {
	Value float64
	Text  string // as written, e.g. "25" or "12.5"
	Pos   Pos
}

// List is a list of a guide: the items that decoded, and the list as
// written. An item of the wrong type (a sub-skill that is not a mapping, a
// capability that is not text) is left out of Items, and the schema
// reports it; Complete says whether any was, so that a rule counting or
// summing Items knows it counts or sums the whole list.
type List[T any] struct {
	Items  []T   // the items that decoded, in order
	Node   *Node // the list; nil when the key is absent or holds no list
	KeyPos Pos   // where the key holding the list is, for reports on the whole list
}

// Complete reports whether the list is present and every item of it
// decoded into Items.
func (l List[T]) Complete() bool { return l.Node != nil && len(l.Items) == len(l.Node.Items) }

// SkillGuide is the typed form of a SkillGuide v1 document (SPEC §1).
//
// It is decoded leniently from the parse tree so that semantic rules can run
// on whatever is well-formed: a field that is absent or of the wrong type is
// nil, and list elements of the wrong type are left out of their [List]
// (the schema reports them). Every struct keeps the mapping Node it came
// from, for positions of keys.
type SkillGuide struct {
	Node           *Node
	ID             *String
	Title          *String
	Category       *String
	Tagline        *String
	Stats          *Stats
	Overview       *Overview
	Misconceptions List[*Misconception]
	Usage          *Usage
	Levels         List[*Level]
	SubSkills      List[*SubSkill]
	LearningPath   *LearningPath
	Portfolio      *Portfolio
	Assessment     *Assessment
	RedFlags       List[*String]
	Keywords       *Keywords
	Resources      *Resources
	FAQ            List[*FAQ]
}

// Stats is the optional "Quick Stats" block.
type Stats struct {
	Node           *Node
	LearningPhases *Number
	EstimatedHours *Number
	SubSkills      *Number
}

// Overview holds "What is X?", "Why X Matters" and the outcomes.
type Overview struct {
	Node     *Node
	What     *String
	Why      List[*String]
	Outcomes List[*String]
}

// Misconception is one of "Common Misconceptions" with its correction.
type Misconception struct {
	Node          *Node
	Misconception *String
	Correction    *String
}

// Usage is "Where X is Used".
type Usage struct {
	Node       *Node
	Industries List[*String]
	UseCases   List[*UseCase]
}

// UseCase is one typical use case, at a proficiency level.
type UseCase struct {
	Node        *Node
	Title       *String
	Level       *String
	Description *String
}

// Level is one proficiency level.
type Level struct {
	Node         *Node
	Name         *String
	Summary      *String
	Duration     *String
	Capabilities List[*String]
}

// SubSkill is one component of the skill with its weight in percent.
type SubSkill struct {
	Node         *Node
	Name         *String
	Weight       *Number
	Description  *String
	ExampleTasks List[*String]
}

// LearningPath is the phased path with its total hours.
type LearningPath struct {
	Node       *Node
	TotalHours *Number
	Phases     List[*Phase]
}

// Phase is one phase of the learning path.
type Phase struct {
	Node         *Node
	Title        *String
	Hours        *Number
	Goals        List[*String]
	Topics       List[*String]
	Actions      List[*String]
	Deliverables List[*String]
}

// Portfolio holds project ideas and tips.
type Portfolio struct {
	Node     *Node
	Projects List[*Project]
	Tips     List[*String]
}

// Project is one portfolio project idea.
type Project struct {
	Node        *Node
	Title       *String
	Level       *String
	Description *String
	Stack       List[*String]
	Highlights  List[*String]
}

// Assessment holds self-check questions and the quiz.
type Assessment struct {
	Node      *Node
	SelfCheck List[*String]
	Quiz      List[*QuizItem]
}

// QuizItem is one multiple-choice question.
type QuizItem struct {
	Node        *Node
	Question    *String
	Options     List[*String]
	Answer      *String
	Explanation *String
}

// Keywords are the "ATS Keywords".
type Keywords struct {
	Node          *Node
	MustHave      List[*String]
	GoodToHave    List[*String]
	ResumePhrases List[*String]
	Tips          List[*String]
}

// Resources are the learning resources and tips.
type Resources struct {
	Node  *Node
	Items List[*Resource]
	Tips  List[*String]
}

// Resource is one learning resource.
type Resource struct {
	Node  *Node
	Title *String
	URL   *String
	Kind  *String
	Cost  *String
}

// FAQ is one frequently asked question with its answer.
type FAQ struct {
	Node     *Node
	Question *String
	Answer   *String
}

func str(n *Node, key string) *String {
	if v := n.Get(key); v != nil && v.Kind == KindString {
		return &String{Value: v.Text, Pos: v.Pos}
	}
	return nil
}

func num(n *Node, key string) *Number {
	if v := n.Get(key); v != nil && v.Kind == KindNumber {
		return &Number{Value: v.Num, Text: v.Text, Pos: v.Pos}
	}
	return nil
}

// strs returns the list of strings at key.
func strs(n *Node, key string) List[*String] {
	f := listField(n, key)
	if f == nil {
		return List[*String]{}
	}
	// One backing array for the list, not an allocation per item: a guide
	// holds hundreds of these strings.
	vals := make([]String, 0, len(f.Value.Items))
	for _, it := range f.Value.Items {
		if it != nil && it.Kind == KindString {
			vals = append(vals, String{Value: it.Text, Pos: it.Pos})
		}
	}
	out := make([]*String, len(vals))
	for i := range vals {
		out[i] = &vals[i]
	}
	return List[*String]{Items: out, Node: f.Value, KeyPos: f.KeyPos}
}

func obj(n *Node, key string) *Node {
	if v := n.Get(key); v != nil && v.Kind == KindMapping {
		return v
	}
	return nil
}

// objs returns the list at key with its mappings decoded by dec.
func objs[T any](n *Node, key string, dec func(*Node) T) List[T] {
	f := listField(n, key)
	if f == nil {
		return List[T]{}
	}
	out := make([]T, 0, len(f.Value.Items))
	for _, it := range f.Value.Items {
		if it != nil && it.Kind == KindMapping {
			out = append(out, dec(it))
		}
	}
	return List[T]{Items: out, Node: f.Value, KeyPos: f.KeyPos}
}

// listField returns the entry at key when it holds a list.
func listField(n *Node, key string) *Field {
	if f := n.Field(key); f != nil && f.Value != nil && f.Value.Kind == KindSequence {
		return f
	}
	return nil
}

func decodeGuide(root *Node) *SkillGuide {
	g := &SkillGuide{
		Node:     root,
		ID:       str(root, "id"),
		Title:    str(root, "title"),
		Category: str(root, "category"),
		Tagline:  str(root, "tagline"),
		RedFlags: strs(root, "red_flags"),
	}
	if n := obj(root, "stats"); n != nil {
		g.Stats = &Stats{Node: n, LearningPhases: num(n, "learning_phases"), EstimatedHours: num(n, "estimated_hours"), SubSkills: num(n, "sub_skills")}
	}
	if n := obj(root, "overview"); n != nil {
		g.Overview = &Overview{Node: n, What: str(n, "what"), Why: strs(n, "why"), Outcomes: strs(n, "outcomes")}
	}
	g.Misconceptions = objs(root, "misconceptions", func(n *Node) *Misconception {
		return &Misconception{Node: n, Misconception: str(n, "misconception"), Correction: str(n, "correction")}
	})
	if n := obj(root, "usage"); n != nil {
		g.Usage = &Usage{Node: n, Industries: strs(n, "industries"), UseCases: objs(n, "use_cases", func(c *Node) *UseCase {
			return &UseCase{Node: c, Title: str(c, "title"), Level: str(c, "level"), Description: str(c, "description")}
		})}
	}
	g.Levels = objs(root, "levels", func(n *Node) *Level {
		return &Level{Node: n, Name: str(n, "name"), Summary: str(n, "summary"), Duration: str(n, "duration"), Capabilities: strs(n, "capabilities")}
	})
	g.SubSkills = objs(root, "sub_skills", func(n *Node) *SubSkill {
		return &SubSkill{Node: n, Name: str(n, "name"), Weight: num(n, "weight"), Description: str(n, "description"), ExampleTasks: strs(n, "example_tasks")}
	})
	if n := obj(root, "learning_path"); n != nil {
		g.LearningPath = &LearningPath{Node: n, TotalHours: num(n, "total_hours"), Phases: objs(n, "phases", func(p *Node) *Phase {
			return &Phase{Node: p, Title: str(p, "title"), Hours: num(p, "hours"), Goals: strs(p, "goals"), Topics: strs(p, "topics"), Actions: strs(p, "actions"), Deliverables: strs(p, "deliverables")}
		})}
	}
	if n := obj(root, "portfolio"); n != nil {
		g.Portfolio = &Portfolio{Node: n, Tips: strs(n, "tips"), Projects: objs(n, "projects", func(p *Node) *Project {
			return &Project{Node: p, Title: str(p, "title"), Level: str(p, "level"), Description: str(p, "description"), Stack: strs(p, "stack"), Highlights: strs(p, "highlights")}
		})}
	}
	if n := obj(root, "assessment"); n != nil {
		g.Assessment = &Assessment{Node: n, SelfCheck: strs(n, "self_check"), Quiz: objs(n, "quiz", func(q *Node) *QuizItem {
			return &QuizItem{Node: q, Question: str(q, "question"), Options: strs(q, "options"), Answer: str(q, "answer"), Explanation: str(q, "explanation")}
		})}
	}
	if n := obj(root, "keywords"); n != nil {
		g.Keywords = &Keywords{Node: n, MustHave: strs(n, "must_have"), GoodToHave: strs(n, "good_to_have"), ResumePhrases: strs(n, "resume_phrases"), Tips: strs(n, "tips")}
	}
	if n := obj(root, "resources"); n != nil {
		g.Resources = &Resources{Node: n, Tips: strs(n, "tips"), Items: objs(n, "items", func(it *Node) *Resource {
			return &Resource{Node: it, Title: str(it, "title"), URL: str(it, "url"), Kind: str(it, "kind"), Cost: str(it, "cost")}
		})}
	}
	g.FAQ = objs(root, "faq", func(n *Node) *FAQ {
		return &FAQ{Node: n, Question: str(n, "question"), Answer: str(n, "answer")}
	})
	return g
}
