module breaker-sim/benchmarks/peers/gobreaker

go 1.22

require github.com/sony/gobreaker/v2 v2.4.0
