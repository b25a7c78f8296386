"""NASim 0.12 steps per second on its benchmark scenarios (3 to 95 hosts), printed beside
kunren's ticks per second on generated scenarios of the same host counts.

Run through compare.sh, which sets up the virtual environment and runs kunren's side first:
    python nasim_steps.py KUNREN_FIGURES_FILE [SECONDS_PER_SCENARIO]
KUNREN_FIGURES_FILE holds lines "hosts ticks_per_second" (from `cargo bench --bench hosts`).
"""

import random
import sys
import time

import nasim

# NASim's benchmark scenarios, one per host count, smallest first.
SCENARIOS = [
    "tiny",  # 3 hosts
    "tiny-small",  # 5
    "small",  # 8
    "medium",  # 16
    "large-gen",  # 23
    "pocp-1-gen",  # 35
    "huge-gen",  # 38
    "pocp-2-gen",  # 95
]


def steps_per_second(name, seconds):
    env = nasim.make_benchmark(name, seed=0)
    hosts = len(env.scenario.hosts)
    rng = random.Random(1)
    n_actions = env.action_space.n
    env.reset(seed=1)
    steps = 0
    stepping = 0.0
    deadline = time.perf_counter() + seconds
    # Only env.step is timed: a reset (when an episode ends) is left out, as kunren's figure
    # leaves out loading.
    while time.perf_counter() < deadline:
        # Under numpy 2 the flat action must be a Python int, not a numpy integer.
        action = int(rng.randrange(n_actions))
        t0 = time.perf_counter()
        _, _, terminated, truncated, _ = env.step(action)
        stepping += time.perf_counter() - t0
        steps += 1
        if terminated or truncated:
            env.reset()
    return hosts, steps / stepping


def main():
    kunren = {}
    with open(sys.argv[1]) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2:
                kunren[int(parts[0])] = float(parts[1])
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 2.0
    print(f"{'NASim scenario':<14} {'hosts':>5} {'NASim steps/s':>14} {'kunren ticks/s':>15} {'ratio':>7}")
    for name in SCENARIOS:
        hosts, nasim_rate = steps_per_second(name, seconds)
        k = kunren.get(hosts)
        if k is None:
            print(f"{name:<14} {hosts:>5} {nasim_rate:>14,.0f} {'-':>15} {'-':>7}")
        else:
            print(f"{name:<14} {hosts:>5} {nasim_rate:>14,.0f} {k:>15,.0f} {k / nasim_rate:>6.1f}x")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
