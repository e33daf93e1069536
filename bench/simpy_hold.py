"""The hold workload of bench/engine.js on SimPy, for `node bench/simpy.js`.

PENDING processes are in flight; each one, when its hold ends, holds again for a random 1..100000
(pre-drawn, so random numbers are not what is measured) until SUCCESSORS holds have been started
in all, or until the run would otherwise last more than BUDGET seconds (SimPy does some 10^4 to
10^5 events a second: on a slow or busy machine the run stops starting holds early enough for the
PENDING ones in flight to drain in time, and the rate still counts).
Only the run is timed, as in engine.js: the PENDING first events are set up before it.

Usage: simpy_hold.py [PENDING [SUCCESSORS [BUDGET]]] | --probe
Works with SimPy 4 (`import simpy`, env.timeout) or SimPy 2.3, Debian's python3-simpy
(`from SimPy.Simulation import ...`, `yield hold, self, delay`).

Prints one JSON line: {"simpy": version, "events": n, "seconds": s}.
Run with --probe to print the version found and exit (exit status 3 when there is none).
"""
import json
import random
import sys
import time

PENDING = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] != "--probe" else 100_000
SUCCESSORS = int(sys.argv[2]) if len(sys.argv) > 2 else 1_900_000
BUDGET = float(sys.argv[3]) if len(sys.argv) > 3 else 18.0


class Budget:
    """Budget counts events and says when no successor should be started any more."""

    def __init__(self):
        self.next = 0
        self.events = 0
        self.start = time.perf_counter()

    def successor(self):
        """successor counts one event and returns the index of the next delay, or None to stop holding."""
        self.events += 1
        # The clock is read every 1024 events: cheap next to an event, fine-grained enough.
        if self.events & 1023 == 0:
            elapsed = time.perf_counter() - self.start
            drain = PENDING * elapsed / self.events
            if elapsed + drain > BUDGET:
                self.next = SUCCESSORS
        if self.next >= SUCCESSORS:
            return None
        self.next += 1
        return PENDING + self.next - 1


def simpy_version():
    try:
        import simpy
        return "simpy", getattr(simpy, "__version__", "4")
    except ImportError:
        pass
    try:
        import SimPy.Simulation  # noqa: F401
        import SimPy
        return "SimPy", getattr(SimPy, "__version__", "2")
    except ImportError:
        return None, None


def draw_delays():
    draw = random.Random("bench").random
    return [1 + int(draw() * 100_000) for _ in range(PENDING + SUCCESSORS)]


def run_simpy4(delays):
    import simpy

    env = simpy.Environment()
    budget = None

    def holder(first):
        yield env.timeout(first)
        while True:
            index = budget.successor()
            if index is None:
                return
            yield env.timeout(delays[index])

    for i in range(PENDING):
        env.process(holder(delays[i]))
    # Every first delay is at least 1: this runs the processes' start-up, not one hold.
    env.run(until=0.5)
    budget = Budget()
    start = time.perf_counter()
    env.run()
    return budget.events, time.perf_counter() - start


def run_simpy2(delays):
    from SimPy.Simulation import Process, activate, hold, initialize, simulate

    budget = None

    class Holder(Process):
        def run(self):
            # Activated at its first delay: that activation is the first of its events.
            while True:
                index = budget.successor()
                if index is None:
                    return
                yield hold, self, delays[index]

    initialize()
    for i in range(PENDING):
        p = Holder()
        activate(p, p.run(), at=delays[i])
    budget = Budget()
    start = time.perf_counter()
    simulate(until=1e18)
    return budget.events, time.perf_counter() - start


def main():
    flavour, version = simpy_version()
    if "--probe" in sys.argv:
        print(json.dumps({"simpy": version}))
        sys.exit(0 if flavour else 3)
    if flavour is None:
        print(json.dumps({"error": "neither simpy (4) nor SimPy (2.3) is importable"}))
        sys.exit(3)
    delays = draw_delays()
    events, seconds = (run_simpy4 if flavour == "simpy" else run_simpy2)(delays)
    print(json.dumps({"simpy": version, "events": events, "seconds": round(seconds, 3)}))


if __name__ == "__main__":
    main()
