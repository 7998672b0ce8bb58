"""A program run in a real pseudo-terminal, as a user's terminal runs it, watched byte by byte.

Every chunk the program writes is timestamped on arrival, and the escape sequences are
stripped into a plain text stream, so the benchmarks can ask "when did this text first appear
on screen after that moment?" without a terminal emulator.
"""

import bisect
import codecs
import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import termios
import time

ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, clipboard
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|[\x00-\x08\x0b-\x1f]"  # other controls (keep \t and \n)
)
# Textual wraps each frame in synchronized-output marks; the end mark means "frame complete".
FRAME_END = b"\x1b[?2026l"
CTRL_Q = b"\x11"


class PtySession:
    def __init__(self, argv: list[str], *, env: dict | None = None, cols: int = 120, rows: int = 40):
        self.started = time.perf_counter()
        pid, fd = os.forkpty()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe(argv[0], argv, env if env is not None else os.environ)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.raw = bytearray()
        self.text = ""
        # Per chunk read: its arrival time, and the text / raw offsets just after it.
        self.arrivals: list[float] = []
        self.text_ends: list[int] = []
        self.raw_ends: list[int] = []
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._pending = ""
        self.exited: tuple[int, object] | None = None  # (status, rusage) once reaped

    # Reading ---------------------------------------------------------------------------
    def pump(self, timeout: float) -> bool:
        """Read what the program wrote within `timeout` seconds; False once it has exited."""
        try:
            ready, _, _ = select.select([self.fd], [], [], timeout)
        except InterruptedError:
            return True
        if not ready:
            return True
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        now = time.perf_counter()
        self.raw += data
        # Keep an unfinished escape sequence for the next chunk so it is stripped whole.
        decoded = self._pending + self._decoder.decode(data)
        cut = decoded.rfind("\x1b")
        if cut != -1 and cut > len(decoded) - 64 and not ESCAPES.match(decoded, cut):
            decoded, self._pending = decoded[:cut], decoded[cut:]
        else:
            self._pending = ""
        self.text += ESCAPES.sub("", decoded)
        self.arrivals.append(now)
        self.text_ends.append(len(self.text))
        self.raw_ends.append(len(self.raw))
        return True

    def text_offset(self) -> int:
        return len(self.text)

    def arrival_of(self, text_end: int) -> float:
        """When the chunk holding text up to offset `text_end` arrived."""
        return self.arrivals[min(bisect.bisect_left(self.text_ends, text_end), len(self.arrivals) - 1)]

    def wait_for_text(self, needle: str, *, since: int = 0, timeout: float = 30.0) -> float | None:
        """Arrival time of the chunk in which `needle` first appears after text offset `since`."""
        deadline = time.perf_counter() + timeout
        while True:
            found = self.text.find(needle, since)
            if found != -1:
                return self.arrival_of(found + len(needle))
            if time.perf_counter() > deadline:
                return None
            if not self.pump(0.05):
                return None

    def wait_for_frame_end(self, *, since_raw: int, timeout: float = 10.0) -> float | None:
        """Arrival time of the first complete frame written after raw offset `since_raw`."""
        deadline = time.perf_counter() + timeout
        while True:
            found = self.raw.find(FRAME_END, since_raw)
            if found != -1:
                return self.arrivals[bisect.bisect_left(self.raw_ends, found + len(FRAME_END))]
            if time.perf_counter() > deadline or not self.pump(0.05):
                return None

    def settle(self, quiet: float = 0.3, timeout: float = 15.0) -> None:
        """Read until the program has written nothing for `quiet` seconds."""
        deadline = time.perf_counter() + timeout
        last = len(self.raw)
        quiet_since = time.perf_counter()
        while time.perf_counter() < deadline:
            if not self.pump(0.02):
                return
            if len(self.raw) != last:
                last = len(self.raw)
                quiet_since = time.perf_counter()
            elif time.perf_counter() - quiet_since >= quiet:
                return

    # Writing ---------------------------------------------------------------------------
    def send(self, keys: bytes | str) -> float:
        """Type `keys`; returns the time just after the write."""
        if isinstance(keys, str):
            keys = keys.encode()
        os.write(self.fd, keys)
        return time.perf_counter()

    # Memory and ending -----------------------------------------------------------------
    def peak_rss_mib(self) -> float | None:
        """High-water mark of resident memory so far (VmHWM), while the program runs."""
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def close(self, timeout: float = 5.0) -> float | None:
        """Quit with ctrl+q (then SIGTERM, then SIGKILL); returns the peak RSS in MiB.

        The peak is the program's VmHWM read just before quitting. wait4's ru_maxrss is not
        used while that can be read: a child forked from this benchmark is charged the
        benchmark's own resident memory when it execs, so it could never read lower."""
        last_peak = self.peak_rss_mib() if self.exited is None else None
        if self.exited is None:
            with contextlib.suppress(OSError):
                self.send(CTRL_Q)
            for sig in (None, signal.SIGTERM, signal.SIGKILL):
                if sig is not None:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(self.pid, sig)
                deadline = time.perf_counter() + timeout
                while time.perf_counter() < deadline:
                    self.pump(0.02)
                    pid, status, usage = os.wait4(self.pid, os.WNOHANG)
                    if pid:
                        self.exited = (status, usage)
                        break
                if self.exited:
                    break
        with contextlib.suppress(OSError):
            os.close(self.fd)
        if last_peak is not None:
            return last_peak
        return self.exited[1].ru_maxrss / 1024 if self.exited else None
