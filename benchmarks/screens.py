"""Many screens, one host: the memory and processes of `kiosk serve` with 1, 10 and 50 screens.

    .venv/bin/python benchmarks/screens.py

Each screen is a websocket client as the page's script opens it (the same grid, 100x30, so
the screens share one kiosk); one more row gives 10 screens of 10 different sizes from 10
addresses, each then its own kiosk, as every screen was before they were shared. Memory is
the sum over the server and its kiosks of VmRSS (what `ps` shows) and of Pss (shared pages
split between processes), after every screen has drawn and two seconds more. Prints a
markdown table; always exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
COUNTS = (1, 10, 50)
GRID = (100, 30)
SETTLE = 2.0  # seconds after the last screen drew: the kiosks' late imports and first ticks
GOAL = 1.5  # 50 screens within this many times the memory of one


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree(pid: int) -> list[int]:
    """The process and its descendants."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        found.append(current := todo.pop())
        todo += children.get(current, [])
    return found


def kib(pid: int, path: str, field: str) -> int:
    with contextlib.suppress(OSError):
        match = re.search(rf"^{field}:\s+(\d+) kB", Path(f"/proc/{pid}/{path}").read_text(), re.M)
        return int(match[1]) if match else 0
    return 0


def memory(pid: int) -> tuple[int, float, float]:
    """Processes, total RSS and total PSS in MiB."""
    pids = tree(pid)
    rss = sum(kib(p, "status", "VmRSS") for p in pids) / 1024
    pss = sum(kib(p, "smaps_rollup", "Pss") for p in pids) / 1024
    return len(pids), rss, pss


async def screen(client: aiohttp.ClientSession, port: int, width: int, height: int) -> object:
    """One screen, open until cancelled, once it has drawn the display."""
    ws = await client.ws_connect(f"ws://127.0.0.1:{port}/ws?width={width}&height={height}")
    await ws.send_json(["resize", {"width": width, "height": height}])
    drawn = b""
    while b"Nu" not in drawn and b"Hierna" not in drawn:
        message = await ws.receive(timeout=60)
        if message.type != aiohttp.WSMsgType.BINARY:
            raise RuntimeError(f"screen closed: {message.type.name}")
        drawn += message.data
    return ws


async def measure(
    port: int, pid: int, sizes: list[tuple[int, int]], machines: bool = False
) -> tuple[int, float, float]:
    """`machines`: each screen from an address of its own (the server lets one address watch
    a few looks at most), 127.0.0.2, .3, ..."""
    clients, screens = [], []
    for n, (width, height) in enumerate(sizes):  # one after another, as screens come on
        if machines or not clients:
            local = (f"127.0.0.{n + 2}", 0) if machines else None
            clients.append(aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=local)))
        screens.append(await screen(clients[-1], port, width, height))
    await asyncio.sleep(SETTLE)
    measured = memory(pid)
    for ws in screens:
        await ws.close()  # type: ignore[attr-defined]
    for client in clients:
        await client.close()
    deadline = time.monotonic() + 30  # a kiosk stays 10 s after its last screen
    while len(tree(pid)) > 1 and time.monotonic() < deadline:  # its kiosks end with the last
        await asyncio.sleep(0.1)
    return measured


async def run(port: int, pid: int) -> list[str]:
    rows = ["| screens | kiosk processes | memory (RSS) | memory (PSS) | PSS against 1 screen |"]
    rows.append("|---|---|---|---|---|")
    base = 0.0
    for count in COUNTS:
        processes, rss, pss = await measure(port, pid, [GRID] * count)
        base = base or pss
        rows.append(
            f"| {count} | {processes - 1} | {rss:.0f} MiB | {pss:.0f} MiB | {pss / base:.2f}x |"
        )
    sizes = [(GRID[0] + i, GRID[1]) for i in range(10)]
    processes, rss, pss = await measure(port, pid, sizes, machines=True)
    rows.append(
        f"| 10 on 10 machines, each another size | {processes - 1} | {rss:.0f} MiB |"
        f" {pss:.0f} MiB | {pss / base:.2f}x |"
    )
    return rows


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="kiosk-screens-"))
    shutil.copy(ROOT / "programme.yaml", work / "programme.yaml")
    port = free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "kiosk", "serve", "programme.yaml", "--at", "14:10"),
            *("--port", str(port), "--max-screens", "100"),
        ],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        assert server.stdout is not None
        server.stdout.readline()  # "kiosk: serving ... at ..." once it listens
        rows = asyncio.run(run(port, server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(rows))
    print(
        f"\n{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; one `kiosk serve`, "
        f"screens of {GRID[0]}x{GRID[1]}; goal: 50 screens within {GOAL}x the memory of 1."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
