"""Can this machine's GPU draw the kiosk? Asked of Mesa the way cage's wlroots will ask it (Qt-free).

``kiosk -m kiosk.core.machine.gpuprobe`` (run by kiosk-session before cage starts) finds the screen's DRM device,
its render node, and creates an OpenGL ES context on it through GBM and EGL, exactly the path of
wlroots' GLES2 renderer. It prints one line and exits:

- 0: a hardware driver ("virtio_gpu: virgl (Mesa ...)", "iris: Mesa Intel(R) UHD Graphics 620 ...");
- 1: software only, and why: no DRM device, a display driver without a render node (simpledrm,
  bochs, a virtio-gpu without 3D), Mesa's software rasteriser (kms_swrast, llvmpipe, softpipe), or
  the probe crashed (Mesa's kms_swrast has been seen to segfault: the probe runs in a child
  process, so a crash is an answer, not a failure).

Only the standard library (ctypes): it runs inside the PyInstaller bundle on the kiosk machine,
loading the system's libgbm.so.1 and libEGL.so.1 (dependencies of the package).
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

DRM = Path("/sys/class/drm")
SOFTWARE = ("llvmpipe", "softpipe", "swrast", "kms_swrast", "software rasterizer", "swr")
TIMEOUT_S = 30


def display_card(sys_drm: Path = DRM) -> Path | None:
    """The DRM card wlroots draws on: $WLR_DRM_DEVICES' first, else the boot VGA device, else the first."""
    wanted = os.environ.get("WLR_DRM_DEVICES", "").split(":")[0]
    if wanted:
        name = Path(os.path.realpath(wanted)).name
        return sys_drm / name if (sys_drm / name).exists() else None
    cards = sorted((p for p in sys_drm.glob("card[0-9]*") if "-" not in p.name), key=lambda p: int(p.name[4:]))
    for card in cards:
        try:
            if (card / "device" / "boot_vga").read_text().strip() == "1":
                return card
        except OSError:
            continue
    return cards[0] if cards else None


def kernel_driver(card: Path) -> str:
    try:
        return Path(os.path.realpath(card / "device" / "driver")).name
    except OSError:
        return "?"


def render_node(card: Path) -> str | None:
    """/dev/dri/renderD<n> of the same device, or None (a display-only driver: no 3D)."""
    nodes = sorted((card / "device" / "drm").glob("renderD*")) if (card / "device" / "drm").is_dir() else []
    return f"/dev/dri/{nodes[0].name}" if nodes else None


def egl_renderer(node: str) -> tuple[str, str]:
    """(Mesa's driver name, GL_RENDERER) of an OpenGL ES context on *node* through GBM. Raises OSError."""
    gbm = ctypes.CDLL("libgbm.so.1")
    egl = ctypes.CDLL("libEGL.so.1")
    gbm.gbm_create_device.restype = ctypes.c_void_p
    gbm.gbm_create_device.argtypes = [ctypes.c_int]
    egl.eglGetProcAddress.restype = ctypes.c_void_p
    egl.eglGetProcAddress.argtypes = [ctypes.c_char_p]
    egl.eglGetPlatformDisplay.restype = ctypes.c_void_p
    egl.eglGetPlatformDisplay.argtypes = [ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
    egl.eglInitialize.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    egl.eglCreateContext.restype = ctypes.c_void_p
    egl.eglCreateContext.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    egl.eglMakeCurrent.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
    egl.eglGetError.restype = ctypes.c_int

    fd = os.open(node, os.O_RDWR | os.O_CLOEXEC)
    device = gbm.gbm_create_device(fd)
    if not device:
        raise OSError(f"gbm_create_device({node}) failed")
    display = egl.eglGetPlatformDisplay(0x31D7, device, None)  # EGL_PLATFORM_GBM_KHR
    if not display or not egl.eglInitialize(display, None, None):
        raise OSError(f"eglInitialize failed (0x{egl.eglGetError():x})")
    driver = ""
    get_driver = egl.eglGetProcAddress(b"eglGetDisplayDriverName")  # EGL_MESA_query_driver
    if get_driver:
        name = ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.c_void_p)(get_driver)(display)
        driver = (name or b"").decode(errors="replace")
    if not egl.eglBindAPI(0x30A0):  # EGL_OPENGL_ES_API
        raise OSError("eglBindAPI(OpenGL ES) failed")
    attribs = (ctypes.c_int * 3)(0x3098, 2, 0x3038)  # EGL_CONTEXT_CLIENT_VERSION 2, EGL_NONE
    context = egl.eglCreateContext(display, None, None, attribs)  # EGL_NO_CONFIG_KHR
    if not context or not egl.eglMakeCurrent(display, None, None, context):  # surfaceless
        raise OSError(f"no OpenGL ES context (0x{egl.eglGetError():x})")
    get_string = egl.eglGetProcAddress(b"glGetString")
    if not get_string:
        raise OSError("no glGetString")
    renderer = ctypes.CFUNCTYPE(ctypes.c_char_p, ctypes.c_uint)(get_string)(0x1F01)  # GL_RENDERER
    return driver, (renderer or b"").decode(errors="replace")


def _egl_in_child(node: str) -> tuple[str, str] | str:
    """egl_renderer() in a child process: a crash inside Mesa is reported, not suffered."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read)
        import faulthandler

        faulthandler.disable()  # a crash in Mesa is reported by the parent, in one line
        try:
            driver, renderer = egl_renderer(node)
            os.write(write, f"ok\t{driver}\t{renderer}".encode())
            code = 0
        except Exception as exc:  # noqa: BLE001 (the answer is the message)
            os.write(write, f"error\t{exc}".encode())
            code = 1
        os._exit(code)
    os.close(write)
    import select
    import signal
    import time

    chunks, deadline = [], time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        ready, _, _ = select.select([read], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        data = os.read(read, 4096)
        if not data:
            break
        chunks.append(data)
    os.close(read)
    # the pipe closes as the child exits; it may take a moment more to be reaped
    done, status = os.waitpid(pid, os.WNOHANG)
    while not done and time.monotonic() < deadline:
        time.sleep(0.02)
        done, status = os.waitpid(pid, os.WNOHANG)
    if not done:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        return f"the OpenGL ES probe on {node} did not finish in {TIMEOUT_S} s"
    text = b"".join(chunks).decode(errors="replace")
    if os.WIFSIGNALED(status):
        return f"Mesa crashed ({signal.Signals(os.WTERMSIG(status)).name}) creating an OpenGL ES context on {node}"
    if text.startswith("ok\t"):
        _, driver, renderer = text.split("\t", 2)
        return driver, renderer
    return text.partition("\t")[2] or f"the OpenGL ES probe on {node} failed"


def verdict(sys_drm: Path = DRM, probe=_egl_in_child) -> tuple[bool, str]:
    """(True when the GPU draws with a hardware driver, one line saying what was found)."""
    card = display_card(sys_drm)
    if card is None:
        return False, "no DRM display device (/sys/class/drm/card*)"
    kdriver = kernel_driver(card)
    node = render_node(card)
    if node is None:
        return False, f"{card.name} ({kdriver}) has no render node: a display-only driver, no 3D"
    answer = probe(node)
    if isinstance(answer, str):
        return False, f"{card.name} ({kdriver}): {answer}"
    driver, renderer = answer
    what = f"{card.name} ({kdriver}), Mesa driver {driver or '?'}: {renderer or '?'}"
    if any(s in f"{driver} {renderer}".lower() for s in SOFTWARE):
        return False, f"{what} is a software rasteriser"
    return True, what


def main() -> int:
    hardware, line = verdict()
    print(line)
    return 0 if hardware else 1


if __name__ == "__main__":
    sys.exit(main())
