package vtable

import (
	"slices"
	"testing"
)

func TestLayoutColumns(t *testing.T) {
	flex := func(grow, max int) Column { return Column{Title: "x", Grow: grow, Max: max} }
	cases := []struct {
		name    string
		cols    []Column
		content []int
		avail   int
		want    []int
	}{
		{"fixed and grow by weight", []Column{{Width: 4}, flex(1, 0), flex(3, 0)}, []int{0, 2, 2}, 20, []int{4, 5, 9}},
		{"max caps growth", []Column{{Width: 4}, flex(1, 3), flex(1, 0)}, []int{0, 2, 2}, 20, []int{4, 3, 11}},
		{"all capped leaves room", []Column{flex(1, 3), flex(1, 4)}, []int{1, 1}, 20, []int{3, 4}},
		{"widest shrinks first", []Column{flex(1, 0), flex(1, 0), flex(1, 0)}, []int{30, 10, 4}, 30, []int{14, 10, 4}},
		{"remainder to cut columns", []Column{flex(1, 0), flex(1, 0), flex(1, 0)}, []int{30, 30, 4}, 31, []int{13, 12, 4}},
		{"min holds", []Column{{Title: "x", Min: 8}, flex(1, 0)}, []int{20, 20}, 15, []int{8, 6}},
		{"hide from the right", []Column{{Width: 5}, {Width: 5}, {Width: 5}}, []int{0, 0, 0}, 12, []int{5, 5, 0}},
		{"nothing fits", []Column{{Width: 5}}, []int{0}, 3, []int{0}},
	}
	for _, c := range cases {
		got := layoutColumns(c.cols, c.content, c.avail)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v want %v", c.name, got, c.want)
		}
		if used := total(got); used > c.avail {
			t.Errorf("%s: %d cells used of %d", c.name, used, c.avail)
		}
	}
}

func total(widths []int) int {
	n, shown := 0, 0
	for _, w := range widths {
		if w > 0 {
			n += w
			shown++
		}
	}
	return n + max(shown-1, 0)*colGap
}
