//go:build race

package pipedrive

// raceEnabled: the race detector slows byte loops tenfold; the largest
// streaming tests shrink under it.
const raceEnabled = true
