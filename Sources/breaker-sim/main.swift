print("breaker-sim: under construction")
