//go:build !unix

package benchserver

import "time"

// CPUTime returns 0: the process CPU time is only read on Unix.
func CPUTime() time.Duration { return 0 }
