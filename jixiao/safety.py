"""The outermost frame of the ``jixiao`` command (issue #13).

Whatever goes wrong, the user reads one Chinese line and the exit status says which kind
of failure it was, so a script can tell "the forms hold errors" (1) from "an input could not
be read" (2) from "jixiao itself failed" (3). A SIGTERM (a timeout, a killed job) is turned
into an exception like Ctrl-C, so every ``finally`` runs and no temporary output is left.
Output streams never fail on a file name that is not valid UTF-8.
"""

from __future__ import annotations

import signal
import sys
import traceback
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from .errors import JixiaoError, for_command
from .guard.textsafe import safe_message

EXIT_INTERNAL = 3


class Terminated(BaseException):
    """SIGTERM, raised where the program is so that cleanup runs."""


def _on_term(signum, frame):  # noqa: ANN001
    raise Terminated()


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back for a moment's work that must not stop halfway (a set of files
    renamed into place): a signal that comes meanwhile is raised again at the end, as it came. Outside
    the main thread (where no handler can be set) nothing is held."""
    came: list[int] = []

    def hold(signum, frame):  # noqa: ANN001
        came.append(signum)

    try:
        old = {sig: signal.signal(sig, hold) for sig in (signal.SIGINT, signal.SIGTERM)}
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        for sig, handler in old.items():
            if handler is not None:   # None: a handler not set from Python, nothing to put back
                signal.signal(sig, handler)
        if came:
            signal.raise_signal(came[0])


def _err(msg: str) -> None:
    try:
        sys.stderr.write(f"jixiao：{safe_message(msg)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _safe_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]  # a TextIOWrapper; others skip
        except (AttributeError, ValueError, OSError):
            pass


class _Unraisable:
    """``sys.unraisablehook`` while a command runs. A Ctrl-C or SIGTERM whose handler runs inside a
    finalizer (a ``__del__`` the garbage collector called) raises there, where Python cannot pass the
    exception on: it printed “Exception ignored in … Traceback … Terminated” and the command went on
    to the end, the signal lost (fuzzing, stop 49). The signal is raised again, to reach the command's
    own frames, and nothing is printed. Any other exception a finalizer drops is shown with --debug only."""

    def __init__(self, debug: bool) -> None:
        self.debug = debug

    def __call__(self, args: Any) -> None:
        exc = args.exc_value
        if isinstance(exc, (KeyboardInterrupt, Terminated)):
            # from another thread, a moment later: raised here, the handler would run inside this hook
            # (and be dropped again); the main thread takes it at its next instruction outside
            import threading

            again = threading.Timer(0.01, signal.raise_signal,
                                    (signal.SIGINT if isinstance(exc, KeyboardInterrupt) else signal.SIGTERM,))
            again.daemon = True
            again.start()
        elif self.debug:
            sys.__unraisablehook__(args)


def _take_interrupt() -> None:
    """Ctrl-C as KeyboardInterrupt again, where ``console`` ended the command at once while it loaded:
    from here a ``finally`` deletes what was half written (called inside ``run_main``'s ``try``)."""
    try:
        if getattr(signal.getsignal(signal.SIGINT), "early", False):
            signal.signal(signal.SIGINT, signal.default_int_handler)
    except (ValueError, OSError):  # not the main thread
        pass


def run_main(fn: Callable[[], int], *, debug: bool = False, where: str = "") -> int:
    """``fn()``'s exit status; every exception becomes one Chinese line (``where``: the inputs, for that line)."""
    _safe_streams()
    old = None
    try:
        old = signal.signal(signal.SIGTERM, _on_term)
    except (ValueError, OSError):  # not the main thread
        old = None
    old_hook = sys.unraisablehook
    sys.unraisablehook = _Unraisable(debug)
    try:
        _take_interrupt()
        return fn()
    except JixiaoError as exc:
        if debug:
            traceback.print_exc()
        _err(for_command(str(exc)))   # what a button asks in words for Excel, the command that does it
        return exc.exit_code
    except KeyboardInterrupt:
        _err("已中断，未写完的输出已删除")
        return 130
    except Terminated:
        _err("已终止，未写完的输出已删除")
        return 143
    except SystemExit:
        raise
    except BrokenPipeError:  # output piped into a program that stopped reading
        return 0
    except MemoryError:
        _err("内存不足，已停止（输入文件过大？）")
        return EXIT_INTERNAL
    except BaseException as exc:  # noqa: BLE001 - the last frame: a bug becomes a one-line message and exit 3
        if debug:
            traceback.print_exc()
        _err(f"{where + '：' if where else ''}内部错误（{type(exc).__name__}），命令未完成。请把命令和输入文件报告给维护人员；"
             f"加 --debug 可看到详细信息")
        return EXIT_INTERNAL
    finally:
        sys.unraisablehook = old_hook
        if old is not None:
            try:
                signal.signal(signal.SIGTERM, old)
            except (ValueError, OSError):
                pass
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass
