//go:build !race

package pipedrive

const raceEnabled = false
