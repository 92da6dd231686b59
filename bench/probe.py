#!/usr/bin/env python3
"""bench/probe.py DEST INTERVAL DURATION: ICMP echo requests to DEST every INTERVAL
seconds on a fixed clock, for DURATION seconds or until SIGINT/SIGTERM (run as root: raw
socket). Prints, like `ping -D`, one line per reply with the kernel's receive time
(SO_TIMESTAMPNS, CLOCK_REALTIME):

    [1700000000.123456] 64 bytes from 192.0.2.1: icmp_seq=17

and one line per request sent ("[TIME] sent icmp_seq=N", TIME from time.time()).

Why not ping: iputils ping -i below 10 ms waits up to 10 ms (MININTERVAL, one
CLOCK_TICK) in poll() whenever a request is unanswered, so after the first lost reply it
sends one request every ~10 ms, not every INTERVAL, and an outage shorter than that is
measured as ~2 + 10 ms. This prober sends on schedule whether replies come or not (a late
send is not caught up with a burst), so the longest gap between replies measures the
outage to within about one INTERVAL."""
import os
import select
import signal
import socket
import struct
import sys
import time

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
PAYLOAD = bytes(range(56))  # ping's default: 56 data bytes, 64-byte ICMP message


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def echo_request(ident, seq):
    head = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    return struct.pack("!BBHHH", 8, 0, checksum(head + PAYLOAD), ident, seq) + PAYLOAD


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.splitlines()[0])
    dest, interval, duration = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
    stop = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.append(1))
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    sock.setblocking(False)
    ident = os.getpid() & 0xFFFF
    out = sys.stdout
    seq = 0
    start = time.monotonic()
    due = start
    while not stop:
        now = time.monotonic()
        if now - start >= duration:
            break
        if now >= due:
            seq = (seq + 1) & 0xFFFF
            sent = time.time()
            try:
                sock.sendto(echo_request(ident, seq), (dest, 0))
                out.write("[%.6f] sent icmp_seq=%d\n" % (sent, seq))
            except OSError as e:
                out.write("[%.6f] send error icmp_seq=%d: %s\n" % (sent, seq, e))
            due += interval
            if due < now:  # late (the guest was descheduled): no burst to catch up
                due = now + interval
        try:
            select.select([sock], [], [], max(0.0, due - time.monotonic()))
        except InterruptedError:
            pass
        while True:
            try:
                data, anc, _, addr = sock.recvmsg(2048, 64)
            except (BlockingIOError, InterruptedError):
                break
            ihl = (data[0] & 0x0F) * 4
            if len(data) < ihl + 8:
                continue
            typ, _, _, rid, rseq = struct.unpack("!BBHHH", data[ihl:ihl + 8])
            if typ != 0 or rid != ident:
                continue
            stamp = None
            for level, kind, value in anc:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    sec, nsec = struct.unpack("qq", value[:16])
                    stamp = "%d.%06d" % (sec, nsec // 1000)
            if stamp is None:
                stamp = "%.6f" % time.time()
            out.write("[%s] %d bytes from %s: icmp_seq=%d\n" % (stamp, len(data) - ihl, addr[0], rseq))
        out.flush()
    out.flush()


if __name__ == "__main__":
    main()
