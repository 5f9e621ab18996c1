"""Entry point of the frozen kiosk (PyInstaller): the same as the ``kiosk`` console script.

The kiosk starts helper processes of itself as ``sys.executable -m kiosk render ...`` (the staff
menu's proof sheet) and ``sys.executable -m kiosk.bench.measure ...`` (``kiosk bench``), and kiosk-session
runs ``kiosk -m kiosk.core.machine.gpuprobe`` (which renderer) before cage starts. In the bundle
``sys.executable`` is this program, not a Python interpreter, so ``-m MODULE`` is understood here
too, for the kiosk's own modules only.
"""

import runpy
import sys

ALLOWED_MODULES = ("kiosk", "kiosk.bench.measure", "kiosk.core.machine.gpuprobe")


def _run_module(argv: list[str]) -> int:
    module = argv[1] if len(argv) > 1 else ""
    if module not in ALLOWED_MODULES:
        print(f"kiosk: error: -m {module or '(nothing)'}: only {', '.join(ALLOWED_MODULES)} can be run "
              "this way in the packaged kiosk", file=sys.stderr)
        return 2
    sys.argv = [sys.argv[0], *argv[2:]]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    return 0


def main() -> int:
    # A crash (SIGSEGV in Qt or a driver, SIGABRT from systemd's watchdog) prints the Python stack of
    # every thread to stderr, i.e. `journalctl -u kiosk`: cage itself ends normally when the kiosk
    # dies, so without this line the journal would only say "Deactivated successfully".
    import faulthandler

    faulthandler.enable()
    argv = sys.argv[1:]
    if argv[:1] == ["-m"]:
        return _run_module(argv)
    from kiosk.cli import main as kiosk_main

    return kiosk_main(argv)


if __name__ == "__main__":
    sys.exit(main())
