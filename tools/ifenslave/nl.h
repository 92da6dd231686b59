/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal rtnetlink client: link requests acknowledged by the kernel,
 * link dumps, and the kernel's extended ACK message on errors.
 */
#ifndef IFENSLAVE_NL_H
#define IFENSLAVE_NL_H

#include <net/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#define NL_EXT_MAX	256	/* longest extack message kept */
#define NL_ATTR_SPACE	256	/* room for a request's attributes */
#define NL_KIND_MAX	32	/* longest IFLA_INFO_KIND kept */

struct nl {
	int fd;
	__u32 seq;
	char ext[NL_EXT_MAX];	/* extack message of the last failed request */
};

/* An RTM_*LINK request: header, ifinfomsg, attributes */
struct nl_msg {
	struct nlmsghdr nh;
	struct ifinfomsg ifi;
	char attrs[NL_ATTR_SPACE];
	int overflow;		/* an attribute did not fit: not sent */
};

/* What ifenslave needs to know about a link */
struct nl_link {
	int ifindex;
	unsigned int flags;	/* IFF_* */
	int master;		/* ifindex, 0: none */
	char name[IFNAMSIZ];
	char kind[NL_KIND_MAX];	/* IFLA_INFO_KIND, "" if none */
};

typedef int (*nl_cb)(const struct nlmsghdr *nh, void *arg);
typedef int (*nl_link_cb)(const struct nl_link *link, void *arg);

int nl_open(struct nl *nl);
void nl_close(struct nl *nl);

void nl_msg_init(struct nl_msg *m, int type, int flags, int ifindex);
struct rtattr *nl_put(struct nl_msg *m, int type, const void *data, size_t len);
struct rtattr *nl_put_u32(struct nl_msg *m, int type, __u32 val);
struct rtattr *nl_put_str(struct nl_msg *m, int type, const char *str);
struct rtattr *nl_nest(struct nl_msg *m, int type);
void nl_nest_end(struct nl_msg *m, struct rtattr *nest);
int nl_request(struct nl *nl, struct nl_msg *m, nl_cb cb, void *arg);

int nl_link_get(struct nl *nl, int ifindex, struct nl_link *link);
int nl_link_dump(struct nl *nl, nl_link_cb cb, void *arg);
int nl_link_set_up(struct nl *nl, int ifindex, int up);
int nl_link_set_master(struct nl *nl, int ifindex, int master);
int nl_bond_set_active(struct nl *nl, int bond, int port);

#endif /* IFENSLAVE_NL_H */
