print("breaker-sim")
