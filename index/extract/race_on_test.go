//go:build race

package extract

// raceDetector says the tests run under -race, where reading a PDF takes
// about 20 times the CPU.
const raceDetector = true
