#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print, as JSON, the netlink attributes of ours (include/bond_ext.h) that
RTM_GETLINK gives for a bond or a port: iproute2 skips them.

    nl-ext.py DEV   ->  {"bond": {...}, "port": {...}}  (absent nests: {})
"""
import json
import socket
import struct
import sys

RTM_GETLINK, RTM_NEWLINK, NLMSG_ERROR = 18, 16, 2
NLM_F_REQUEST = 1
IFLA_IFNAME, IFLA_LINKINFO = 3, 18
IFLA_INFO_DATA, IFLA_INFO_SLAVE_DATA = 2, 5
EXT = 0x3F00  # IFLA_BOND_EXT, IFLA_BOND_SLAVE_EXT
BOND_EXT = {1: ("link_watch_policy", "u32"), 2: ("lacp_fallback", "u32"),
            3: ("lacp_fallback_active", "u8")}
PORT_EXT = {1: ("ad_reason", "str")}


def attrs(buf):
    """(type, payload) of each attribute in buf"""
    off = 0
    while off + 4 <= len(buf):
        alen, atype = struct.unpack_from("=HH", buf, off)
        if alen < 4:
            break
        yield atype & 0x3FFF, buf[off + 4:off + alen]
        off += (alen + 3) & ~3


def decode(payload, names):
    out = {}
    for atype, val in attrs(payload):
        name, kind = names.get(atype, (str(atype), "hex"))
        if kind == "u32":
            out[name] = struct.unpack("=I", val[:4])[0]
        elif kind == "u8":
            out[name] = val[0]
        elif kind == "str":
            out[name] = val.rstrip(b"\0").decode()
        else:
            out[name] = val.hex()
    return out


def ext_of(payload, names):
    for atype, val in attrs(payload):
        if atype == EXT:
            return decode(val, names)
    return {}


def main(dev):
    name = dev.encode() + b"\0"
    ifname = struct.pack("=HH", 4 + len(name), IFLA_IFNAME) + name
    ifname += b"\0" * (-len(ifname) % 4)
    body = struct.pack("=BxHiII", socket.AF_UNSPEC, 0, 0, 0, 0) + ifname
    msg = struct.pack("=IHHII", 16 + len(body), RTM_GETLINK,
                      NLM_F_REQUEST, 1, 0) + body
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                         socket.NETLINK_ROUTE)
    sock.send(msg)
    reply = sock.recv(65536)
    _, mtype = struct.unpack_from("=IH", reply)
    if mtype == NLMSG_ERROR:
        err = struct.unpack_from("=i", reply, 16)[0]
        sys.exit(f"nl-ext.py: {dev}: error {err}")
    if mtype != RTM_NEWLINK:
        sys.exit(f"nl-ext.py: unexpected reply type {mtype}")
    result = {"bond": {}, "port": {}}
    for atype, val in attrs(reply[32:]):
        if atype != IFLA_LINKINFO:
            continue
        for itype, ival in attrs(val):
            if itype == IFLA_INFO_DATA:
                result["bond"] = ext_of(ival, BOND_EXT)
            elif itype == IFLA_INFO_SLAVE_DATA:
                result["port"] = ext_of(ival, PORT_EXT)
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: nl-ext.py DEV")
    main(sys.argv[1])
