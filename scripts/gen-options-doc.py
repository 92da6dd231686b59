#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The option reference of Documentation/bonding.rst, from the options table.

Reads bond_opt_table.c (the table and its value names) and bond_params.c
(which options are module parameters) and writes the reference between the
GENERATED markers of Documentation/bonding.rst.

    scripts/gen-options-doc.py           rewrite the reference
    scripts/gen-options-doc.py --check   fail if it differs from the table
"""
import re
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
TABLE = TOP / "bond_opt_table.c"
PARAMS = TOP / "bond_params.c"
DOC = TOP / "Documentation" / "bonding.rst"
BEGIN = ".. BEGIN GENERATED OPTIONS (scripts/gen-options-doc.py)\n"
END = ".. END GENERATED OPTIONS\n"

CONSTANTS = {
    "INT_MAX": 2147483647, "USHRT_MAX": 65535,
    "BOND_MODE_ROUNDROBIN": 0, "BOND_MODE_ACTIVEBACKUP": 1,
    "BOND_MODE_XOR": 2, "BOND_MODE_BROADCAST": 3, "BOND_MODE_8023AD": 4,
    "BOND_MODE_TLB": 5, "BOND_MODE_ALB": 6,
    "BOND_FOM_NONE": 0, "BOND_FOM_ACTIVE": 1, "BOND_FOM_FOLLOW": 2,
    "BOND_XMIT_POLICY_LAYER2": 0, "BOND_XMIT_POLICY_LAYER34": 1,
    "BOND_XMIT_POLICY_LAYER23": 2, "BOND_XMIT_POLICY_ENCAP23": 3,
    "BOND_XMIT_POLICY_ENCAP34": 4, "BOND_XMIT_POLICY_VLAN_SRCMAC": 5,
}
MODE_SETS = {
    "BOND_MODES_ACTIVE_PORT": "active-backup, balance-tlb, balance-alb",
    "BOND_MODES_ARP": "balance-rr, active-backup, balance-xor, broadcast",
    "BOND_MODES_8023AD": "802.3ad",
    "BOND_MODES_LB": "balance-tlb, balance-alb",
    "BIT(BOND_MODE_ROUNDROBIN)": "balance-rr",
}
# Defaults that are not the table's .def, because a rule sets them
DEFAULTS = {
    "miimon": "100 if neither miimon nor arp_interval is given "
              "(the tree's driver: 0, no link monitoring)",
}

FLAGS = {
    "BOND_OPTF_NO_PORTS": "only while the bond has no slaves",
    "BOND_OPTF_DOWN": "only while the bond is down",
    "BOND_OPTF_MII_TICKS": "rounded down to a multiple of miimon, which must be set",
    "BOND_OPTF_PRIVATE": "shown only in its modes and to CAP_NET_ADMIN",
    "BOND_OPTF_WATCH_MODES": "in every mode with link_watch_policy any or all",
}


def header_enums():
    """The values of the anonymous enums in include/bond_options.h"""
    src = (TOP / "include" / "bond_options.h").read_text()
    for body in re.findall(r"\nenum \{(.*?)\};", src, re.S):
        for i, name in enumerate(re.findall(r"(BOND_\w+),", body)):
            CONSTANTS[name] = i


def value(text):
    text = text.strip()
    if text in CONSTANTS:
        return CONSTANTS[text]
    return int(text, 0)


def names_arrays(src):
    arrays = {}
    for m in re.finditer(r"bond_opt_name (\w+)\[\] = \{(.*?)\n\};", src, re.S):
        arrays[m.group(1)] = [(n, value(v)) for n, v in
                              re.findall(r'\{ "([^"]+)",\s*([^ }]+) \}', m.group(2))]
    return arrays


def entries(src):
    body = src[src.index("const struct bond_opt bond_opts[BOND_OPT_COUNT] = {"):]
    body = body[:body.index("\n};\n")]
    return re.findall(r"\[BOND_OPT_(\w+)\] = \{(.*?)\n\t\},", body, re.S)


def field(entry, name, pattern=r'"([^"]*)"'):
    m = re.search(r"\." + name + r"\s*=\s*" + pattern, entry)
    return m.group(1) if m else None


def describe(entry, arrays, params):
    name = field(entry, "name")
    desc = re.sub(r'"\s*"', "", field(entry, "desc", r'("(?:[^"\\]|\\.)*")')[1:-1])
    kind = field(entry, "type", r"BOND_OPT_(\w+)") or \
        ("STR" if "BOND_STR(" in entry else "NUM")
    lines = [f"``{name}``", f"    {desc[0].upper()}{desc[1:]}.", ""]
    num = re.search(r"BOND_NUM\((\w+), ([^,]+), ([^)]+)\)", entry)
    if num:
        lo, hi = value(num.group(2)), value(num.group(3))
        words = [f"``{n}`` ({v})" for n, v in arrays.get(field(entry, "names", r"(\w+)"), [])]
        if hi:
            words.append(f"{lo} - {hi}")
        lines.append("    :values: " + ", ".join(words))
        default = value(field(entry, "def", r"(\w+)") or "0")
        lines.append(f"    :default: {DEFAULTS.get(name, default)}")
    else:
        lines.append({"STR": "    :values: an interface name, see below",
                      "TARGETS": "    :values: up to 16 addresses",
                      "MAC": "    :values: a unicast MAC address"}[kind])
    modes = field(entry, "modes", r"([A-Z0-9_()]+)")
    lines.append("    :modes: " + (MODE_SETS[modes] if modes else "all"))
    surfaces = []
    if "BOND_OPTF_NO_SYSFS" not in entry:
        surfaces.append(f"sysfs ``bonding/{name}``")
    nla = field(entry, "nla", r"(IFLA_BOND_\w+)")
    if nla:
        surfaces.append(f"netlink ``{nla}``")
    ext = field(entry, "ext_nla", r"(IFLA_BOND_EXT_\w+)")
    if ext:
        surfaces.append(f"netlink ``{ext}`` (ours, read-only)")
    if name in params:
        surfaces.append("module parameter")
    lines.append("    :surfaces: " + ", ".join(surfaces))
    rules = [text for flag, text in FLAGS.items() if flag in entry]
    if rules:
        lines.append("    :rules: " + "; ".join(rules))
    return "\n".join(lines) + "\n\n"


def reference():
    header_enums()
    src = TABLE.read_text()
    arrays = names_arrays(src)
    params = set(re.findall(r"BOND_PARAM\(\w+, (\w+)\)", PARAMS.read_text()))
    params |= set(re.findall(r"module_param_named\((\w+), num_peer_notif",
                             PARAMS.read_text()))
    params.add("arp_ip_target")
    out = [BEGIN, "\n"]
    for _, entry in entries(src):
        out.append(describe(entry, arrays, params))
    out.append(END)
    return "".join(out)


def main():
    doc = DOC.read_text()
    head, rest = doc.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    new = head + reference() + tail
    if "--check" in sys.argv[1:]:
        if new != doc:
            sys.exit("Documentation/bonding.rst: the option reference is stale; "
                     "run make docs")
        return
    DOC.write_text(new)


if __name__ == "__main__":
    main()
