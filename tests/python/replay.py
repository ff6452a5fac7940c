"""Replays a real GPU training log (shared/fixtures/gpu-runs) through fellowship_client, as the
original job would have sent it. Used by tests/e2e/python-client.test.ts against a real server.

    python3 replay.py <scenario> <fixture.jsonl> <client_run_id>

Scenarios:
  plain       every line's metrics at its step, then finish
  crash       like plain, but stop hard (no finish, no exit handlers) at the "crash" event,
              after flushing what was logged — a job that died
  resume      only the lines after the last "start" event (the resumed phase), then finish
  offline     like plain, with FELLOWSHIP_MODE=offline (spool only)
  lightning   the Lightning logger trace through FellowshipLogger (framework stubbed)
  hf          the Hugging Face callback trace through FellowshipCallback (framework stubbed)
Prints the server's run id (or the spool path offline) on the last line.
"""

import json
import os
import sys
import types

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "clients", "python"))


def stub_frameworks():
    """Minimal stand-ins for the framework base classes, so adapters import without them."""
    lightning = types.ModuleType("lightning")
    pytorch = types.ModuleType("lightning.pytorch")
    loggers = types.ModuleType("lightning.pytorch.loggers")

    class Logger:  # the parts of lightning.pytorch.loggers.Logger the adapter relies on
        def __init__(self):
            pass

    loggers.Logger = Logger
    sys.modules.update({"lightning": lightning, "lightning.pytorch": pytorch, "lightning.pytorch.loggers": loggers})

    transformers = types.ModuleType("transformers")

    class TrainerCallback:
        pass

    transformers.TrainerCallback = TrainerCallback
    sys.modules["transformers"] = transformers


def metric_lines(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main():
    scenario, fixture, client_run_id = sys.argv[1:4]
    if scenario in ("lightning", "lightning-late-hparams", "hf"):
        stub_frameworks()
    import fellowship_client as fc

    lines = metric_lines(fixture)
    if scenario == "lightning-late-hparams":
        # Some LightningModules call save_hyperparameters() after the first log_metrics: move the call there.
        hparams = [call for call in lines if call["call"] == "log_hyperparams"]
        rest = [call for call in lines if call["call"] != "log_hyperparams"]
        first_metrics = next(i for i, call in enumerate(rest) if call["call"] == "log_metrics")
        lines = rest[: first_metrics + 1] + hparams + rest[first_metrics + 1 :]
        scenario = "lightning"
    if scenario == "lightning":
        logger = fc.FellowshipLogger(exercise="vae", client_run_id=client_run_id)
        for call in lines:
            if call["call"] == "log_hyperparams":
                logger.log_hyperparams(call["params"])
            elif call["call"] == "log_metrics":
                logger.log_metrics(call["metrics"], step=call["step"])
            elif call["call"] == "save":
                logger.save()
            elif call["call"] == "finalize":
                logger.finalize(call.get("status", "success"))
        print(logger.experiment.run_id)
        return

    if scenario == "hf":
        callback = fc.FellowshipCallback(exercise="vae", client_run_id=client_run_id)
        args = types.SimpleNamespace(learning_rate=5e-4, num_train_epochs=1, per_device_train_batch_size=8, max_steps=60, seed=42)
        state = types.SimpleNamespace(global_step=0, is_world_process_zero=True)
        for call in lines:
            state.global_step = call.get("global_step", state.global_step)
            if call["call"] == "on_train_begin":
                callback.on_train_begin(args, state, None)
            elif call["call"] == "on_log":
                callback.on_log(args, state, None, logs=call["logs"])
            elif call["call"] == "on_train_end":
                callback.on_train_end(args, state, None)
        print(callback._run.run_id)
        return

    mode = "offline" if scenario == "offline" else None
    if scenario == "resume":
        starts = [i for i, line in enumerate(lines) if line.get("event") == "start"]
        lines = lines[starts[-1]:]
    params = next(({"lr": line["lr"]} for line in lines if line.get("event") == "start"), {"lr": 0.001})
    run = fc.init("vae", name=f"replay {os.path.basename(fixture)}", params=params, client_run_id=client_run_id, mode=mode)
    for line in lines:
        if line.get("event") == "crash" and scenario == "crash":
            run.flush(timeout=120)
            sys.stdout.write(f"{run.run_id}\n")
            sys.stdout.flush()
            os._exit(3)  # a hard crash: no finish, no exit handlers
        if "step" in line and "event" not in line:
            run.log({key: line[key] for key in ("elbo", "recon", "kl") if key in line}, step=line["step"], time_=line.get("t"))
    run.finish()
    print(run.spool.path if mode == "offline" else run.run_id)


if __name__ == "__main__":
    main()
