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

// SkillGuide is the typed form of a SkillGuide v1 document (SPEC §1).
//
// It is decoded leniently from the parse tree so that semantic rules can run
// on whatever is well-formed: a field that is absent or of the wrong type is
// nil, and list elements of the wrong type are left out (the schema reports
// them). Every struct keeps the mapping Node it came from, for positions of
// keys.
type SkillGuide struct {
	Node           *Node
	ID             *String
	Title          *String
	Category       *String
	Tagline        *String
	Stats          *Stats
	Overview       *Overview
	Misconceptions []*Misconception
	Usage          *Usage
	Levels         []*Level
	SubSkills      []*SubSkill
	LearningPath   *LearningPath
	Portfolio      *Portfolio
	Assessment     *Assessment
	RedFlags       []*String
	Keywords       *Keywords
	Resources      *Resources
	FAQ            []*FAQ
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
	Why      []*String
	Outcomes []*String
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
	Industries []*String
	UseCases   []*UseCase
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
	Capabilities []*String
}

// SubSkill is one component of the skill with its weight in percent.
type SubSkill struct {
	Node         *Node
	Name         *String
	Weight       *Number
	Description  *String
	ExampleTasks []*String
}

// LearningPath is the phased path with its total hours.
type LearningPath struct {
	Node       *Node
	TotalHours *Number
	Phases     []*Phase
}

// Phase is one phase of the learning path.
type Phase struct {
	Node         *Node
	Title        *String
	Hours        *Number
	Goals        []*String
	Topics       []*String
	Actions      []*String
	Deliverables []*String
}

// Portfolio holds project ideas and tips.
type Portfolio struct {
	Node     *Node
	Projects []*Project
	Tips     []*String
}

// Project is one portfolio project idea.
type Project struct {
	Node        *Node
	Title       *String
	Level       *String
	Description *String
	Stack       []*String
	Highlights  []*String
}

// Assessment holds self-check questions and the quiz.
type Assessment struct {
	Node      *Node
	SelfCheck []*String
	Quiz      []*QuizItem
}

// QuizItem is one multiple-choice question.
type QuizItem struct {
	Node        *Node
	Question    *String
	Options     []*String
	Answer      *String
	Explanation *String
}

// Keywords are the "ATS Keywords".
type Keywords struct {
	Node          *Node
	MustHave      []*String
	GoodToHave    []*String
	ResumePhrases []*String
	Tips          []*String
}

// Resources are the learning resources and tips.
type Resources struct {
	Node  *Node
	Items []*Resource
	Tips  []*String
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

func strs(n *Node, key string) []*String {
	v := n.Get(key)
	if v == nil || v.Kind != KindSequence {
		return nil
	}
	// One backing array for the list, not an allocation per item: a guide
	// holds hundreds of these strings.
	vals := make([]String, 0, len(v.Items))
	for _, it := range v.Items {
		if it.Kind == KindString {
			vals = append(vals, String{Value: it.Text, Pos: it.Pos})
		}
	}
	out := make([]*String, len(vals))
	for i := range vals {
		out[i] = &vals[i]
	}
	return out
}

func obj(n *Node, key string) *Node {
	if v := n.Get(key); v != nil && v.Kind == KindMapping {
		return v
	}
	return nil
}

// objs returns the mappings of the list at key.
func objs(n *Node, key string) []*Node {
	v := n.Get(key)
	if v == nil || v.Kind != KindSequence {
		return nil
	}
	out := make([]*Node, 0, len(v.Items))
	for _, it := range v.Items {
		if it.Kind == KindMapping {
			out = append(out, it)
		}
	}
	return out
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
	for _, n := range objs(root, "misconceptions") {
		g.Misconceptions = append(g.Misconceptions, &Misconception{Node: n, Misconception: str(n, "misconception"), Correction: str(n, "correction")})
	}
	if n := obj(root, "usage"); n != nil {
		u := &Usage{Node: n, Industries: strs(n, "industries")}
		for _, c := range objs(n, "use_cases") {
			u.UseCases = append(u.UseCases, &UseCase{Node: c, Title: str(c, "title"), Level: str(c, "level"), Description: str(c, "description")})
		}
		g.Usage = u
	}
	for _, n := range objs(root, "levels") {
		g.Levels = append(g.Levels, &Level{Node: n, Name: str(n, "name"), Summary: str(n, "summary"), Duration: str(n, "duration"), Capabilities: strs(n, "capabilities")})
	}
	for _, n := range objs(root, "sub_skills") {
		g.SubSkills = append(g.SubSkills, &SubSkill{Node: n, Name: str(n, "name"), Weight: num(n, "weight"), Description: str(n, "description"), ExampleTasks: strs(n, "example_tasks")})
	}
	if n := obj(root, "learning_path"); n != nil {
		lp := &LearningPath{Node: n, TotalHours: num(n, "total_hours")}
		for _, p := range objs(n, "phases") {
			lp.Phases = append(lp.Phases, &Phase{Node: p, Title: str(p, "title"), Hours: num(p, "hours"), Goals: strs(p, "goals"), Topics: strs(p, "topics"), Actions: strs(p, "actions"), Deliverables: strs(p, "deliverables")})
		}
		g.LearningPath = lp
	}
	if n := obj(root, "portfolio"); n != nil {
		pf := &Portfolio{Node: n, Tips: strs(n, "tips")}
		for _, p := range objs(n, "projects") {
			pf.Projects = append(pf.Projects, &Project{Node: p, Title: str(p, "title"), Level: str(p, "level"), Description: str(p, "description"), Stack: strs(p, "stack"), Highlights: strs(p, "highlights")})
		}
		g.Portfolio = pf
	}
	if n := obj(root, "assessment"); n != nil {
		a := &Assessment{Node: n, SelfCheck: strs(n, "self_check")}
		for _, q := range objs(n, "quiz") {
			a.Quiz = append(a.Quiz, &QuizItem{Node: q, Question: str(q, "question"), Options: strs(q, "options"), Answer: str(q, "answer"), Explanation: str(q, "explanation")})
		}
		g.Assessment = a
	}
	if n := obj(root, "keywords"); n != nil {
		g.Keywords = &Keywords{Node: n, MustHave: strs(n, "must_have"), GoodToHave: strs(n, "good_to_have"), ResumePhrases: strs(n, "resume_phrases"), Tips: strs(n, "tips")}
	}
	if n := obj(root, "resources"); n != nil {
		r := &Resources{Node: n, Tips: strs(n, "tips")}
		for _, it := range objs(n, "items") {
			r.Items = append(r.Items, &Resource{Node: it, Title: str(it, "title"), URL: str(it, "url"), Kind: str(it, "kind"), Cost: str(it, "cost")})
		}
		g.Resources = r
	}
	for _, n := range objs(root, "faq") {
		g.FAQ = append(g.FAQ, &FAQ{Node: n, Question: str(n, "question"), Answer: str(n, "answer")})
	}
	return g
}
