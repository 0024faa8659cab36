// The same paths as BreakerCoreBenchmarks, through sony/gobreaker v2.4.0, so that the README's peer
// figures can be measured side by side on one machine. See README.md in this folder.
package peer

import (
	"errors"
	"testing"
	"time"

	"github.com/sony/gobreaker/v2"
)

var errFailure = errors.New("failure")

// Keeps results alive so that the compiler cannot drop the calls.
var sink any

func breaker(allowedFails uint32, retryTimer time.Duration) *gobreaker.CircuitBreaker[any] {
	return gobreaker.NewCircuitBreaker[any](gobreaker.Settings{
		Name:    "peer",
		Timeout: retryTimer,
		ReadyToTrip: func(counts gobreaker.Counts) bool {
			return counts.ConsecutiveFailures >= allowedFails
		},
	})
}

// A healthy call through Execute (BreakerCore's "Closed success, run (sync)").
func BenchmarkClosedSuccess(b *testing.B) {
	cb := breaker(5, time.Minute)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		result, err := cb.Execute(func() (any, error) { return nil, nil })
		sink = result
		if err != nil {
			b.Fatal(err)
		}
	}
}

// A call rejected by a tripped breaker whose timer is pending ("Rejection, tripped (timer pending), run").
func BenchmarkRejectionTripped(b *testing.B) {
	cb := breaker(1, time.Hour)
	_, _ = cb.Execute(func() (any, error) { return nil, errFailure })
	if cb.State() != gobreaker.StateOpen {
		b.Fatal("the breaker did not trip")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_, err := cb.Execute(func() (any, error) { return nil, nil })
		sink = err
	}
}
