//go:build race

package main

// raceDetector is true under -race, which makes the large exports ten
// times slower: they use fewer rows then.
const raceDetector = true
