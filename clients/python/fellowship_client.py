"""Fellowship client: send training results from a job to a Fellowship server.

Standard library only, one file. Two lines in a training script:

    import fellowship_client as fc
    run = fc.init(exercise="vae", name="beta=1", params={"lr": 1e-3})
    run.log({"elbo": -24.0, "kl": 4.1}, step=100)
    run.log_image("samples", png_bytes, step=100)   # a PNG or JPEG sample grid (optional)
    run.finish()

or ``with fc.init(...) as run:`` (an exception finishes the run as failed).

Configuration: ``FELLOWSHIP_URL`` and ``FELLOWSHIP_TOKEN``, or a JSON config file
(``FELLOWSHIP_CONFIG``, default ``~/.config/fellowship/config.json``) with "url" and "token".

Nothing is lost or counted twice:
- every batch is appended to a local spool file before it is sent
  (``FELLOWSHIP_SPOOL_DIR``, default ``./fellowship-runs``);
- each batch carries a sequence number; the server stores a replayed batch once, so retries
  and ``python -m fellowship_client sync <dir>`` are always safe to repeat;
- a background thread sends a batch every 2 s or 1,000 points, retrying network errors,
  408, 429 (honouring Retry-After) and 5xx with exponential backoff and jitter.

``FELLOWSHIP_MODE=offline`` only writes the spool (for machines without network); sync it later.
In distributed jobs only rank 0 (``RANK``/``LOCAL_RANK``) sends; other ranks get a no-op run.

Command line:
    python -m fellowship_client sync <dir-or-spool-file> [...]
    python -m fellowship_client submit results.json
"""

from __future__ import annotations

import atexit
import base64
import gzip
import json
import math
import os
import random
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional

__version__ = "0.1.0"
__all__ = ["init", "Run", "sync", "submit", "FellowshipError", "__version__"]

BATCH_POINTS = 1000
FLUSH_SECONDS = 2.0
MAX_BODY_POINTS = 5000
USER_AGENT = f"fellowship-client/{__version__} (python {sys.version.split()[0]})"
RETRYABLE_STATUSES = {408, 429, 500, 502, 503, 504}


class FellowshipError(Exception):
    """A request the server refused for a reason retrying cannot fix (bad token, bad input)."""

    def __init__(self, message: str, status: Optional[int] = None, code: Optional[str] = None):
        super().__init__(message)
        self.status = status
        self.code = code


# --- configuration -------------------------------------------------------------------------------


def _read_config_file() -> Dict[str, str]:
    path = os.environ.get("FELLOWSHIP_CONFIG") or os.path.join(
        os.path.expanduser("~"), ".config", "fellowship", "config.json"
    )
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return {key: str(value) for key, value in data.items() if isinstance(value, (str, int))}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise FellowshipError(f"Cannot read the Fellowship config file {path}: {error}") from error


def _setting(explicit: Optional[str], env_name: str, config_key: str) -> Optional[str]:
    if explicit:
        return explicit
    if os.environ.get(env_name):
        return os.environ[env_name]
    return _read_config_file().get(config_key)


def _is_rank_zero() -> bool:
    for name in ("RANK", "LOCAL_RANK"):
        value = os.environ.get(name)
        if value not in (None, ""):
            try:
                return int(value) == 0
            except ValueError:
                return True
    return True


# --- values and points ----------------------------------------------------------------------------


def encode_value(value: Any) -> Any:
    """A metric value as JSON: finite numbers as numbers, NaN and infinities as strings."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("nan",):
            return "NaN"
        if lowered in ("inf", "infinity", "+inf", "+infinity"):
            return "Infinity"
        if lowered in ("-inf", "-infinity"):
            return "-Infinity"
        raise ValueError(f"not a number: {value!r}")
    number = float(value)  # tensors and numpy scalars convert here
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return number


def _is_number_like(value: Any) -> bool:
    try:
        encode_value(value)
        return True
    except (TypeError, ValueError):
        return False


MAX_IMAGE_BYTES = 5 * 1024 * 1024


def image_content_type(data: bytes) -> str:
    """image/png or image/jpeg, from the first bytes (the server checks them the same way)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    raise FellowshipError("log_image takes PNG or JPEG bytes (e.g. from PIL's Image.save(buffer, 'PNG')).")


def _image_path(run_id: str, name: str, step: int) -> str:
    query = urllib.parse.urlencode({"name": name, "step": int(step)})
    return f"/api/v1/runs/{run_id}/artifacts?{query}"


# --- HTTP ---------------------------------------------------------------------------------------


class _Http:
    def __init__(self, url: str, token: str, timeout: float = 30.0):
        self.base = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(self, method: str, path: str, body: Any = None, raw: Optional[bytes] = None, content_type: Optional[str] = None) -> Any:
        """One request; raises _Retryable for what a retry may fix, FellowshipError otherwise.
        `raw` sends bytes as they are (an image) with `content_type`; `body` sends JSON."""
        data = None
        headers = {"Authorization": f"Bearer {self.token}", "User-Agent": USER_AGENT, "Accept": "application/json"}
        if raw is not None:
            data = raw
            headers["Content-Type"] = content_type or "application/octet-stream"
        elif body is not None:
            data = json.dumps(body, allow_nan=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
            if len(data) > 16 * 1024:
                data = gzip.compress(data, compresslevel=5)
                headers["Content-Encoding"] = "gzip"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            message, code = _error_message(raw, error.code)
            if error.code in RETRYABLE_STATUSES:
                raise _Retryable(message, _retry_after(error.headers.get("Retry-After"))) from None
            raise FellowshipError(message, error.code, code) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise _Retryable(f"cannot reach {self.base}: {reason}", None) from None


class _Retryable(Exception):
    def __init__(self, message: str, retry_after: Optional[float]):
        super().__init__(message)
        self.retry_after = retry_after


def _retry_after(value: Optional[str]) -> Optional[float]:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _error_message(raw: bytes, status: int) -> "tuple[str, Optional[str]]":
    try:
        error = json.loads(raw)["error"]
        return f"{error.get('message', 'request refused')} (HTTP {status})", error.get("code")
    except (ValueError, KeyError, TypeError):
        return f"HTTP {status}", None


def _with_retries(
    action: Callable[[], Any],
    *,
    deadline: Optional[float] = None,
    stop: Optional[threading.Event] = None,
    on_retry: Optional[Callable[[str, float], None]] = None,
    base_delay: float = 0.5,
    max_delay: float = 60.0,
) -> Any:
    """Runs `action` until it succeeds or raises FellowshipError. A _Retryable escapes when the
    deadline would pass or `stop` is set (the caller keeps the batch for later)."""
    attempt = 0
    while True:
        try:
            return action()
        except _Retryable as error:
            attempt += 1
            delay = error.retry_after
            if delay is None:
                delay = min(max_delay, base_delay * (2 ** min(attempt - 1, 10)))
                delay = delay / 2 + random.uniform(0, delay / 2)  # jitter: clients do not retry in step
            if deadline is not None and time.monotonic() + delay > deadline:
                raise
            if stop is not None and stop.is_set():
                raise
            if on_retry:
                on_retry(str(error), delay)
            if stop is not None:
                if stop.wait(delay):
                    raise
            else:
                time.sleep(delay)


def _upload_image(http: "_Http", run_id: str, image: Mapping[str, Any], **retry: Any) -> Any:
    data = base64.b64decode(image["data"])
    return _with_retries(
        lambda: http.request("POST", _image_path(run_id, image["name"], image["step"]), raw=data, content_type=image["content_type"]),
        **retry,
    )


# --- spool ----------------------------------------------------------------------------------------


class Spool:
    """An append-only JSON-lines record of a run: its creation, every batch, acks, the end."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        directory = os.path.dirname(path)
        if directory:
            os.makedirs(directory, exist_ok=True)
        # After a crash mid-write the file may end in a torn line: end it, so the next record
        # starts on a line of its own instead of being glued to (and lost with) the torn one.
        if os.path.exists(path) and os.path.getsize(path) > 0:
            with open(path, "rb+") as handle:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    handle.write(b"\n")

    def append(self, record: Mapping[str, Any]) -> None:
        line = json.dumps(record, allow_nan=False, separators=(",", ":")) + "\n"
        with self._lock, open(self.path, "a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def records(self) -> List[Dict[str, Any]]:
        return read_spool(self.path)


def read_spool(path: str) -> List[Dict[str, Any]]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line:
                continue
            try:
                records.append(json.loads(line))
            except ValueError:
                # A torn last line from a crash mid-write: everything before it is intact.
                print(f"fellowship: skipping unreadable line {number} of {path}", file=sys.stderr)
    return records


# --- the run --------------------------------------------------------------------------------------


class Run:
    """One training run. Use `log()` as often as you like; it never blocks on the network."""

    def __init__(
        self,
        *,
        exercise: str,
        name: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        tags: Optional[Iterable[str]] = None,
        client_run_id: Optional[str] = None,
        url: Optional[str] = None,
        token: Optional[str] = None,
        mode: Optional[str] = None,
        spool_dir: Optional[str] = None,
        git_sha: Optional[str] = None,
        host: Optional[str] = None,
        install_handlers: bool = True,
    ):
        self.exercise = exercise
        self.name = name
        self.params = dict(params or {})
        self._params_changed = False
        self.tags = list(tags or [])
        self.client_run_id = client_run_id or os.environ.get("FELLOWSHIP_RUN_ID") or uuid.uuid4().hex
        self.mode = (mode or os.environ.get("FELLOWSHIP_MODE") or "online").lower()
        if self.mode not in ("online", "offline"):
            raise FellowshipError(f"FELLOWSHIP_MODE must be online or offline, not {self.mode!r}")
        self.run_id: Optional[str] = None
        self.finished = False
        self.last_steps: Dict[str, float] = {}
        self._pending: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._queue: List[Dict[str, Any]] = []  # spooled batches not yet acknowledged
        self._images: List[Dict[str, Any]] = []  # spooled images not yet uploaded
        self._queue_ready = threading.Condition(self._lock)
        self._send_lock = threading.Lock()  # one sender at a time: batches go out in order, once
        self._failed: Optional[FellowshipError] = None
        self._warned = False

        directory = spool_dir or os.environ.get("FELLOWSHIP_SPOOL_DIR") or "fellowship-runs"
        self.spool = Spool(os.path.join(directory, f"{self.client_run_id}.jsonl"))
        existing = self.spool.records() if os.path.exists(self.spool.path) else []
        self._seq = max((r.get("seq", 0) for r in existing if r.get("type") == "batch"), default=0)

        run_fields = {
            "exercise": exercise,
            "client_run_id": self.client_run_id,
            "name": name,
            "params": self.params,
            "tags": self.tags,
            "git_sha": git_sha or os.environ.get("FELLOWSHIP_GIT_SHA"),
            "host": host or socket.gethostname(),
        }
        self._run_fields = {key: value for key, value in run_fields.items() if value is not None}
        if not existing:
            self.spool.append({"type": "run", **self._run_fields})

        self._http: Optional[_Http] = None
        if self.mode == "online":
            url = _setting(url, "FELLOWSHIP_URL", "url")
            token = _setting(token, "FELLOWSHIP_TOKEN", "token")
            if not url or not token:
                raise FellowshipError(
                    "Set FELLOWSHIP_URL and FELLOWSHIP_TOKEN (or a config file), or FELLOWSHIP_MODE=offline "
                    "to only write the spool and sync it later."
                )
            self._http = _Http(url, token)
            # A refusal (bad token, unknown exercise) should stop the job at once, before hours of
            # training; an unreachable server should not: the run is created once it answers.
            try:
                self._create(deadline=time.monotonic() + 10)
            except _Retryable as error:
                print(f"fellowship: {error}; training goes on, points are kept in {self.spool.path} "
                      "and sent once the server answers", file=sys.stderr)
        self._sender = threading.Thread(target=self._send_loop, name="fellowship-sender", daemon=True)
        self._sender.start()
        if install_handlers:
            _register_active_run(self)

    def _create(self, deadline: Optional[float] = None, stop: Optional[threading.Event] = None) -> None:
        """Creates the run on the server, or finds it again by client_run_id (a resumed job)."""
        created = _with_retries(
            lambda: self._http.request("POST", "/api/v1/runs", self._run_fields),  # type: ignore[union-attr]
            deadline=deadline,
            stop=stop,
            on_retry=self._report_retry,
        )
        self.run_id = created["run_id"]
        self.last_steps = dict(created.get("last_steps") or {})
        with self._lock:
            # Continue the server's numbering: a batch number is never reused for other points.
            server_seq = int(created.get("last_seq") or 0)
            if not self._queue:
                self._seq = max(self._seq, server_seq)

    # -- logging --

    def log(self, metrics: Mapping[str, Any], step: Optional[int] = None, time_: Optional[float] = None) -> None:
        """Record metrics at a step. Non-numeric values are skipped with a warning once."""
        if self.finished:
            raise FellowshipError("This run has finished; start a new one with fellowship_client.init().")
        if step is None:
            step = self._next_step()
        stamp = time.time() if time_ is None else time_
        points = []
        for key, value in metrics.items():
            try:
                points.append({"key": str(key), "step": int(step), "value": encode_value(value), "time": stamp})
            except (TypeError, ValueError):
                self._warn_once(f"fellowship: skipped {key}={value!r}: not a number")
        with self._lock:
            self._pending.extend(points)
            full = len(self._pending) >= BATCH_POINTS
        if full:
            self._cut_batch()

    def log_image(self, name: str, data: bytes, step: int = 0) -> None:
        """Record a PNG or JPEG image (a sample grid) at a step. Kept in the spool, then uploaded by
        the sender thread; a later image with the same name and step replaces it on the server."""
        if self.finished:
            raise FellowshipError("This run has finished; start a new one with fellowship_client.init().")
        data = bytes(data)
        content_type = image_content_type(data)
        if len(data) > MAX_IMAGE_BYTES:
            raise FellowshipError(f"The image {name!r} is {len(data)} bytes; the server takes at most {MAX_IMAGE_BYTES} (5 MB).")
        record = {
            "type": "image",
            "name": str(name),
            "step": int(step),
            "content_type": content_type,
            "data": base64.b64encode(data).decode("ascii"),
        }
        self.spool.append(record)
        if self._http is None:
            return  # offline: the spool keeps it until `sync`
        with self._lock:
            self._images.append(record)
        self._wake.set()

    def _next_step(self) -> int:
        self._auto_step = getattr(self, "_auto_step", -1) + 1
        return self._auto_step

    def _cut_batch(self) -> None:
        """Moves pending points into a numbered batch, spooled before anything is sent."""
        with self._lock:
            while self._pending:
                points, self._pending = self._pending[:BATCH_POINTS], self._pending[BATCH_POINTS:]
                self._seq += 1
                batch = {"type": "batch", "seq": self._seq, "points": points}
                self.spool.append(batch)
                self._queue.append(batch)
            self._queue_ready.notify_all()
        self._wake.set()

    def _send_loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(FLUSH_SECONDS)
            self._wake.clear()
            self._cut_batch_if_due()
            self._drain(stop=self._stop)

    def _cut_batch_if_due(self) -> None:
        with self._lock:
            has_pending = bool(self._pending)
        if has_pending:
            self._cut_batch()

    def _drain(self, deadline: Optional[float] = None, stop: Optional[threading.Event] = None) -> bool:
        """Sends queued batches in order; returns True when none is left unsent."""
        if self._http is None:
            return True
        with self._send_lock:
            if self.run_id is None:
                try:
                    self._create(deadline=deadline, stop=stop)
                except _Retryable:
                    return False
                except FellowshipError as error:
                    self._failed = error
                    print(f"fellowship: the server refused this run: {error}", file=sys.stderr)
                    return False
            while self._failed is None:
                with self._lock:
                    if not self._queue:
                        break
                    batch = self._queue[0]
                body = {"seq": batch["seq"], "points": batch["points"]}
                try:
                    _with_retries(
                        lambda: self._http.request("POST", f"/api/v1/runs/{self.run_id}/metrics", body),  # type: ignore[union-attr]
                        deadline=deadline,
                        stop=stop,
                        on_retry=self._report_retry,
                    )
                except _Retryable:
                    return False
                except FellowshipError as error:
                    self._failed = error
                    print(
                        f"fellowship: the server refused batch {batch['seq']}: {error}. The points are kept in "
                        f"{self.spool.path}; fix the problem, then run: python -m fellowship_client sync {self.spool.path}",
                        file=sys.stderr,
                    )
                    return False
                self.spool.append({"type": "ack", "seq": batch["seq"]})
                with self._lock:
                    self._queue.pop(0)
            return self._failed is None and self._drain_images(deadline, stop)

    def _drain_images(self, deadline: Optional[float], stop: Optional[threading.Event]) -> bool:
        """Uploads spooled images in order (after the points); True when none is left."""
        while True:
            with self._lock:
                if not self._images:
                    return True
                image = self._images[0]
            try:
                _upload_image(self._http, self.run_id, image, deadline=deadline, stop=stop, on_retry=self._report_retry)  # type: ignore[arg-type]
            except _Retryable:
                return False
            except FellowshipError as error:
                # A refused image (too large, not an image) is reported and skipped: the points matter more.
                print(f"fellowship: the server refused image {image['name']!r} at step {image['step']}: {error}", file=sys.stderr)
            with self._lock:
                self._images.pop(0)

    def _report_retry(self, message: str, delay: float) -> None:
        self._warn_once(f"fellowship: {message}; retrying (points are safe in {self.spool.path})")

    def _warn_once(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            print(message, file=sys.stderr)

    # -- the end --

    def flush(self, timeout: float = 30.0) -> bool:
        """Sends everything logged so far; False if some batches are still only in the spool."""
        self._cut_batch()
        return self._drain(deadline=time.monotonic() + timeout)

    def update_params(self, params: Mapping[str, Any]) -> None:
        """Adds hyperparameters after the run started; they reach the server with the run's final status."""
        self.params.update(params)
        self._params_changed = True

    def finish(
        self,
        status: str = "finished",
        summary: Optional[Mapping[str, Any]] = None,
        exit_code: Optional[int] = None,
        timeout: float = 30.0,
    ) -> None:
        """Ends the run: sends what is left, then marks it finished, failed or killed."""
        if self.finished:
            return
        self.finished = True
        self._cut_batch()
        # Stop the background sender (it gives up its retries at once), then send the rest here.
        self._stop.set()
        self._wake.set()
        sent = self._drain(deadline=time.monotonic() + timeout)
        self._sender.join(timeout=5)
        end: Dict[str, Any] = {"status": status}
        if summary:
            end["summary"] = {str(key): encode_value(value) for key, value in summary.items() if _is_number_like(value)}
        if exit_code is not None:
            end["exit_code"] = int(exit_code)
        if getattr(self, "_params_changed", False):
            end["params"] = self.params
        self.spool.append({"type": "finish", **end})
        _unregister_active_run(self)
        if self._http is None:
            print(f"fellowship: offline run saved to {self.spool.path}; upload it with: python -m fellowship_client sync "
                  f"{os.path.dirname(self.spool.path) or '.'}", file=sys.stderr)
            return
        if not sent:
            print(f"fellowship: some points are not on the server yet; they are in {self.spool.path}. Upload them with: "
                  f"python -m fellowship_client sync {self.spool.path}", file=sys.stderr)
            return
        try:
            _with_retries(
                lambda: self._http.request("PATCH", f"/api/v1/runs/{self.run_id}", end),  # type: ignore[union-attr]
                deadline=time.monotonic() + timeout,
            )
        except (_Retryable, FellowshipError) as error:
            print(f"fellowship: could not mark the run {status}: {error}. Run: python -m fellowship_client sync "
                  f"{self.spool.path}", file=sys.stderr)

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.finish("finished")
        elif issubclass(exc_type, KeyboardInterrupt):
            self.finish("killed")
        else:
            self.finish("failed", exit_code=1)


class _NoopRun:
    """What ranks other than 0 get: the same methods, doing nothing."""

    run_id = None
    finished = False

    def log(self, *args: Any, **kwargs: Any) -> None:
        pass

    def log_image(self, *args: Any, **kwargs: Any) -> None:
        pass

    def flush(self, *args: Any, **kwargs: Any) -> bool:
        return True

    def finish(self, *args: Any, **kwargs: Any) -> None:
        self.finished = True

    def __enter__(self) -> "_NoopRun":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.finish()


def init(exercise: str, **kwargs: Any) -> Any:
    """Starts (or, with the same `client_run_id`, resumes) a run of an exercise."""
    if not _is_rank_zero():
        return _NoopRun()
    return Run(exercise=exercise, **kwargs)


# --- flush at exit and on SIGTERM -----------------------------------------------------------------

_active_runs: List[Run] = []
_handlers_installed = False


def _register_active_run(run: Run) -> None:
    global _handlers_installed
    _active_runs.append(run)
    if _handlers_installed:
        return
    _handlers_installed = True
    atexit.register(_finish_active_runs, "finished")
    previous_hook = sys.excepthook

    def excepthook(exc_type, exc, tb):  # an uncaught exception fails the run
        _finish_active_runs("failed")
        previous_hook(exc_type, exc, tb)

    sys.excepthook = excepthook
    if threading.current_thread() is threading.main_thread():
        previous = signal.getsignal(signal.SIGTERM)

        def on_sigterm(signum, frame):
            _finish_active_runs("killed")
            if callable(previous):
                previous(signum, frame)
            else:
                raise SystemExit(128 + signum)

        try:
            signal.signal(signal.SIGTERM, on_sigterm)
        except ValueError:
            pass


def _unregister_active_run(run: Run) -> None:
    if run in _active_runs:
        _active_runs.remove(run)


def _finish_active_runs(status: str) -> None:
    for run in list(_active_runs):
        run.finish(status)


# --- sync and submit ------------------------------------------------------------------------------


def _spool_files(paths: Iterable[str]) -> List[str]:
    files: List[str] = []
    for path in paths:
        if os.path.isdir(path):
            files.extend(sorted(os.path.join(path, name) for name in os.listdir(path) if name.endswith(".jsonl")))
        elif os.path.exists(path):
            files.append(path)
        else:
            raise FellowshipError(f"No spool file or folder at {path}")
    return files


def sync(paths: Iterable[str], url: Optional[str] = None, token: Optional[str] = None, log: Callable[[str], None] = print) -> int:
    """Uploads spool files. Safe to repeat: the server keeps each batch once. Returns points sent."""
    url = _setting(url, "FELLOWSHIP_URL", "url")
    token = _setting(token, "FELLOWSHIP_TOKEN", "token")
    if not url or not token:
        raise FellowshipError("Set FELLOWSHIP_URL and FELLOWSHIP_TOKEN (or a config file) to sync.")
    http = _Http(url, token)
    total = 0
    for path in _spool_files(paths):
        records = read_spool(path)
        run_fields = next((r for r in records if r.get("type") == "run"), None)
        if run_fields is None:
            log(f"{path}: not a Fellowship spool file, skipped")
            continue
        fields = {key: value for key, value in run_fields.items() if key != "type"}
        created = _with_retries(lambda: http.request("POST", "/api/v1/runs", fields), deadline=time.monotonic() + 300)
        run_id = created["run_id"]
        batches = [r for r in records if r.get("type") == "batch"]
        sent = 0
        for batch in batches:
            _with_retries(
                lambda: http.request("POST", f"/api/v1/runs/{run_id}/metrics", {"seq": batch["seq"], "points": batch["points"]}),
                deadline=time.monotonic() + 300,
            )
            sent += len(batch["points"])
        images = [r for r in records if r.get("type") == "image"]
        for image in images:
            try:
                _upload_image(http, run_id, image, deadline=time.monotonic() + 300)
            except FellowshipError as error:
                log(f"{path}: image {image.get('name')!r} at step {image.get('step')} refused: {error}")
        end = next((r for r in reversed(records) if r.get("type") == "finish"), None)
        if end is not None:
            body = {key: value for key, value in end.items() if key != "type"}
            _with_retries(lambda: http.request("PATCH", f"/api/v1/runs/{run_id}", body), deadline=time.monotonic() + 300)
        total += sent
        log(f"{path}: run {run_id}, {len(batches)} batches ({sent} points)"
            + (f", {len(images)} images" if images else "") + " in sync" + (f", {end['status']}" if end else ""))
    return total


def submit(results_path: str, url: Optional[str] = None, token: Optional[str] = None) -> str:
    """One-shot final results from a JSON file:
    {"exercise": "vae", "name": "...", "params": {...}, "metrics": {"elbo": -24.0}, "step": 0, "status": "finished"}
    ("metrics" may also be a list of {"key", "step", "value"} points). Returns the run id."""
    with open(results_path, encoding="utf-8") as handle:
        try:
            results = json.load(handle)
        except ValueError as error:
            raise FellowshipError(f"{results_path} is not valid JSON: {error}") from error
    if not isinstance(results, dict) or not isinstance(results.get("exercise"), str):
        raise FellowshipError(f'{results_path} needs at least {{"exercise": "<slug>", "metrics": {{...}}}}')
    run = Run(
        exercise=results["exercise"],
        name=results.get("name"),
        params=results.get("params"),
        tags=results.get("tags"),
        client_run_id=results.get("client_run_id"),
        url=url,
        token=token,
        install_handlers=False,
    )
    metrics = results.get("metrics") or {}
    if isinstance(metrics, dict):
        run.log(metrics, step=int(results.get("step", 0)))
    else:
        for point in metrics:
            run.log({point["key"]: point["value"]}, step=int(point["step"]))
    run.finish(results.get("status", "finished"), summary=results.get("summary"))
    return str(run.run_id)


# --- framework adapters (PEP 562: built on first access, so the frameworks stay optional) --------


def _lightning_logger_class() -> type:
    try:
        from lightning.pytorch.loggers import Logger  # type: ignore
    except ImportError:
        try:
            from pytorch_lightning.loggers import Logger  # type: ignore
        except ImportError as error:
            raise ImportError("FellowshipLogger needs PyTorch Lightning: pip install lightning") from error

    class FellowshipLogger(Logger):  # type: ignore[misc, valid-type]
        """A Lightning Logger: `Trainer(logger=FellowshipLogger(exercise="vae"))`."""

        def __init__(self, exercise: str, **run_kwargs: Any):
            super().__init__()
            self._exercise = exercise
            self._run_kwargs = run_kwargs
            self._run: Any = None
            self._params: Dict[str, Any] = {}

        @property
        def name(self) -> str:
            return "fellowship"

        @property
        def version(self) -> str:
            return self.experiment.client_run_id if self._run is not None else "0"

        @property
        def experiment(self) -> Any:
            if self._run is None:
                params = {**self._run_kwargs.pop("params", {}), **self._params}
                self._run = init(self._exercise, params=params, **self._run_kwargs)
            return self._run

        def log_hyperparams(self, params: Any, *args: Any, **kwargs: Any) -> None:
            values = vars(params) if hasattr(params, "__dict__") and not isinstance(params, dict) else dict(params)
            clean = {str(k): v for k, v in values.items() if isinstance(v, (int, float, str, bool)) or v is None}
            if self._run is None:
                self._params.update(clean)
            else:
                self._run.update_params(clean)

        def log_metrics(self, metrics: Mapping[str, Any], step: Optional[int] = None) -> None:
            self.experiment.log(dict(metrics), step=step)

        def save(self) -> None:
            if self._run is not None:
                self._run.flush(timeout=0)

        def finalize(self, status: str) -> None:
            if self._run is not None:
                self._run.finish({"success": "finished", "failed": "failed"}.get(status, "killed"))

    return FellowshipLogger


def _hf_callback_class() -> type:
    try:
        from transformers import TrainerCallback  # type: ignore
    except ImportError as error:
        raise ImportError("FellowshipCallback needs Hugging Face transformers: pip install transformers") from error

    class FellowshipCallback(TrainerCallback):  # type: ignore[misc, valid-type]
        """A Hugging Face TrainerCallback: `Trainer(..., callbacks=[FellowshipCallback(exercise="bert")])`."""

        def __init__(self, exercise: str, **run_kwargs: Any):
            self._exercise = exercise
            self._run_kwargs = run_kwargs
            self._run: Any = None

        def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            if not getattr(state, "is_world_process_zero", True) or self._run is not None:
                return
            params = dict(self._run_kwargs.pop("params", {}))
            for name in ("learning_rate", "num_train_epochs", "per_device_train_batch_size", "max_steps", "seed"):
                if hasattr(args, name):
                    params.setdefault(name, getattr(args, name))
            self._run = init(self._exercise, params=params, **self._run_kwargs)

        def on_log(self, args: Any, state: Any, control: Any, logs: Optional[Mapping[str, Any]] = None, **kwargs: Any) -> None:
            if self._run is None or not logs:
                return
            numeric = {key: value for key, value in logs.items() if _is_number_like(value)}
            if numeric:
                self._run.log(numeric, step=int(state.global_step))

        def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            if self._run is not None:
                self._run.finish("finished")

    return FellowshipCallback


_ADAPTERS = {"FellowshipLogger": _lightning_logger_class, "FellowshipCallback": _hf_callback_class}
_built: Dict[str, type] = {}


def __getattr__(name: str) -> Any:
    if name in _ADAPTERS:
        if name not in _built:
            _built[name] = _ADAPTERS[name]()
        return _built[name]
    raise AttributeError(f"module 'fellowship_client' has no attribute {name!r}")


# --- command line ---------------------------------------------------------------------------------


def main(argv: Optional[List[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: python -m fellowship_client sync <dir-or-spool-file> [...] | submit <results.json>"
    if not argv or argv[0] in ("-h", "--help"):
        print(usage)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    try:
        if command == "sync" and rest:
            total = sync(rest)
            print(f"Synced {total} points.")
            return 0
        if command == "submit" and len(rest) == 1:
            print(f"Submitted run {submit(rest[0])}.")
            return 0
    except (FellowshipError, _Retryable, OSError) as error:
        print(f"fellowship: {error}", file=sys.stderr)
        return 1
    print(usage, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
