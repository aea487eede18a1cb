//go:build unix

package benchserver

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time (user and system) the process has used so
// far. Benchmarks report it per op next to wall time: on a shared machine,
// other processes stretch wall time far more than CPU time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
