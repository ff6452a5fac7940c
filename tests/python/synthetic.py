"""A synthetic training job for the fault test: logs `loss` and `acc` for steps [start, end),
optionally crashing hard after `crash_at`, with values shifted by `offset` (so a resumed
phase's values differ from the first phase's).

    python3 synthetic.py <client_run_id> <start> <end> <offset> [crash_at]
"""

import math
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "clients", "python"))
import fellowship_client as fc  # noqa: E402


def value(key, step, offset):
    base = math.sin(step / 37.0) if key == "loss" else math.cos(step / 53.0)
    return round(base + offset, 6)


def main():
    client_run_id, start, end, offset = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    crash_at = int(sys.argv[5]) if len(sys.argv) > 5 else None
    run = fc.init("vae", name=f"fault {client_run_id}", client_run_id=client_run_id)
    for step in range(start, end):
        run.log({key: value(key, step, offset) for key in ("loss", "acc")}, step=step)
        if step % 100 == 99:
            time.sleep(0.1)  # a training step takes time; the server may go away meanwhile
        if crash_at is not None and step == crash_at:
            if not run.flush(timeout=300):
                sys.exit("could not flush before the crash")
            print(run.run_id, flush=True)
            os._exit(3)
    run.finish(timeout=300)
    print(run.run_id)


if __name__ == "__main__":
    main()
