//go:build race

package index

// raceDetector says the tests run under -race.
const raceDetector = true
