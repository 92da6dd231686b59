// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal rtnetlink client.  Every request but a dump asks for an ACK;
 * the ACK's error code is the request's result, and its NLMSGERR_ATTR_MSG
 * (extended ACK) is kept in nl->ext for the error report.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "nl.h"

#define NL_RECV_SIZE	65536
#define NL_MORE		1	/* nl_walk: the reply goes on */

int nl_open(struct nl *nl)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int one = 1, err;

	memset(nl, 0, sizeof(*nl));
	nl->seq = time(NULL);
	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (nl->fd < 0)
		return -errno;
	/* Optional: a kernel without them just sends no extack */
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	if (bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = -errno;
		nl_close(nl);
		return err;
	}
	return 0;
}

void nl_close(struct nl *nl)
{
	if (nl->fd >= 0)
		close(nl->fd);
	nl->fd = -1;
}

void nl_msg_init(struct nl_msg *m, int type, int flags, int ifindex)
{
	memset(m, 0, sizeof(*m));
	m->nh.nlmsg_len = NLMSG_LENGTH(sizeof(m->ifi));
	m->nh.nlmsg_type = type;
	m->nh.nlmsg_flags = NLM_F_REQUEST | flags;
	m->ifi.ifi_family = AF_UNSPEC;
	m->ifi.ifi_index = ifindex;
}

struct rtattr *nl_put(struct nl_msg *m, int type, const void *data, size_t len)
{
	size_t off = NLMSG_ALIGN(m->nh.nlmsg_len);
	struct rtattr *rta = (struct rtattr *)((char *)&m->nh + off);

	if (off + RTA_SPACE(len) > offsetof(struct nl_msg, overflow)) {
		m->overflow = 1;
		return NULL;
	}
	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(rta), data, len);
	m->nh.nlmsg_len = off + RTA_SPACE(len);
	return rta;
}

struct rtattr *nl_put_u32(struct nl_msg *m, int type, __u32 val)
{
	return nl_put(m, type, &val, sizeof(val));
}

struct rtattr *nl_put_str(struct nl_msg *m, int type, const char *str)
{
	return nl_put(m, type, str, strlen(str) + 1);
}

struct rtattr *nl_nest(struct nl_msg *m, int type)
{
	return nl_put(m, type, NULL, 0);
}

void nl_nest_end(struct nl_msg *m, struct rtattr *nest)
{
	if (nest)
		nest->rta_len = (char *)&m->nh + m->nh.nlmsg_len - (char *)nest;
}

/* Keeps the NLMSGERR_ATTR_MSG of an error or done message */
static void nl_extack(struct nl *nl, const struct nlmsghdr *nh, size_t off)
{
	struct rtattr *rta;
	int len;

	if (!(nh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	off = NLMSG_HDRLEN + NLMSG_ALIGN(off);
	rta = (struct rtattr *)((char *)nh + off);
	len = (int)nh->nlmsg_len - (int)off;
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type != NLMSGERR_ATTR_MSG)
			continue;
		len = RTA_PAYLOAD(rta) < sizeof(nl->ext) ?
		      (int)RTA_PAYLOAD(rta) : (int)sizeof(nl->ext) - 1;
		memcpy(nl->ext, RTA_DATA(rta), len);
		nl->ext[len] = '\0';
		return;
	}
}

static int nl_error(struct nl *nl, const struct nlmsghdr *nh)
{
	const struct nlmsgerr *e = NLMSG_DATA(nh);
	size_t off = sizeof(*e);

	if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
		return -EBADMSG;
	if (!e->error)
		return 0;
	if (!(nh->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	nl_extack(nl, nh, off);
	return e->error;
}

static int nl_done(struct nl *nl, const struct nlmsghdr *nh)
{
	int err;

	if (nh->nlmsg_len < NLMSG_LENGTH(sizeof(err)))
		return 0;
	memcpy(&err, NLMSG_DATA(nh), sizeof(err));
	if (err)
		nl_extack(nl, nh, sizeof(err));
	return err;
}

/* Handles one datagram: 0 or -errno when the reply is complete, else NL_MORE */
static int nl_walk(struct nl *nl, const char *buf, size_t len, nl_cb cb,
		   void *arg)
{
	const struct nlmsghdr *nh;
	size_t off;
	int err;

	for (off = 0; off + NLMSG_HDRLEN <= len; off += NLMSG_ALIGN(nh->nlmsg_len)) {
		nh = (const struct nlmsghdr *)(buf + off);
		if (nh->nlmsg_len < NLMSG_HDRLEN || nh->nlmsg_len > len - off)
			return -EBADMSG;
		if (nh->nlmsg_seq != nl->seq)
			continue;	/* left over from an earlier request */
		if (nh->nlmsg_type == NLMSG_ERROR)
			return nl_error(nl, nh);
		if (nh->nlmsg_type == NLMSG_DONE)
			return nl_done(nl, nh);
		if (cb) {
			err = cb(nh, arg);
			if (err)
				return err;
		}
	}
	return NL_MORE;
}

static int nl_recv(struct nl *nl, nl_cb cb, void *arg)
{
	static __u32 buf[NL_RECV_SIZE / sizeof(__u32)];	/* NLMSG_ALIGNTO */
	ssize_t len;
	int err;

	for (;;) {
		len = recv(nl->fd, buf, sizeof(buf), MSG_TRUNC);
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0)
			return -errno;
		if (len > (ssize_t)sizeof(buf))
			return -EMSGSIZE;
		err = nl_walk(nl, (const char *)buf, len, cb, arg);
		if (err != NL_MORE)
			return err;
	}
}

/*
 * Sends @m and reads the reply up to its ACK (or the end of a dump),
 * passing every other message of the reply to @cb.  Returns 0 or -errno.
 */
int nl_request(struct nl *nl, struct nl_msg *m, nl_cb cb, void *arg)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (m->overflow)
		return -EMSGSIZE;
	if (!(m->nh.nlmsg_flags & NLM_F_DUMP))
		m->nh.nlmsg_flags |= NLM_F_ACK;
	m->nh.nlmsg_seq = ++nl->seq;
	if (sendto(nl->fd, &m->nh, m->nh.nlmsg_len, 0,
		   (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	return nl_recv(nl, cb, arg);
}

static void nl_copy_str(char *dst, size_t size, const struct rtattr *rta)
{
	size_t len = RTA_PAYLOAD(rta);

	if (len >= size)
		len = size - 1;
	memcpy(dst, RTA_DATA(rta), len);
	dst[len] = '\0';
}

static void nl_parse_linkinfo(struct nl_link *link, struct rtattr *info)
{
	struct rtattr *rta = RTA_DATA(info);
	int len = RTA_PAYLOAD(info);

	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len))
		if (rta->rta_type == IFLA_INFO_KIND)
			nl_copy_str(link->kind, sizeof(link->kind), rta);
}

/* nl_cb: an RTM_NEWLINK message into the struct nl_link at @arg */
static int nl_parse_link(const struct nlmsghdr *nh, void *arg)
{
	const struct ifinfomsg *ifi = NLMSG_DATA(nh);
	struct nl_link *link = arg;
	struct rtattr *rta;
	int len;

	if (nh->nlmsg_type != RTM_NEWLINK ||
	    nh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return 0;
	memset(link, 0, sizeof(*link));
	link->ifindex = ifi->ifi_index;
	link->flags = ifi->ifi_flags;
	rta = IFLA_RTA(ifi);
	len = IFLA_PAYLOAD(nh);
	for (; RTA_OK(rta, len); rta = RTA_NEXT(rta, len)) {
		if (rta->rta_type == IFLA_IFNAME)
			nl_copy_str(link->name, sizeof(link->name), rta);
		else if (rta->rta_type == IFLA_MASTER &&
			 RTA_PAYLOAD(rta) >= sizeof(__u32))
			memcpy(&link->master, RTA_DATA(rta), sizeof(__u32));
		else if (rta->rta_type == IFLA_LINKINFO)
			nl_parse_linkinfo(link, rta);
	}
	return 0;
}

int nl_link_get(struct nl *nl, int ifindex, struct nl_link *link)
{
	struct nl_msg m;

	memset(link, 0, sizeof(*link));
	nl_msg_init(&m, RTM_GETLINK, 0, ifindex);
	return nl_request(nl, &m, nl_parse_link, link);
}

struct nl_dump_ctx {
	nl_link_cb cb;
	void *arg;
};

static int nl_dump_one(const struct nlmsghdr *nh, void *arg)
{
	struct nl_dump_ctx *d = arg;
	struct nl_link link;

	if (nh->nlmsg_type != RTM_NEWLINK)
		return 0;
	nl_parse_link(nh, &link);
	return d->cb(&link, d->arg);
}

/* Calls @cb for every link of the namespace; stops at its first error */
int nl_link_dump(struct nl *nl, nl_link_cb cb, void *arg)
{
	struct nl_dump_ctx d = { cb, arg };
	struct nl_msg m;

	nl_msg_init(&m, RTM_GETLINK, NLM_F_DUMP, 0);
	return nl_request(nl, &m, nl_dump_one, &d);
}

int nl_link_set_up(struct nl *nl, int ifindex, int up)
{
	struct nl_msg m;

	nl_msg_init(&m, RTM_NEWLINK, 0, ifindex);
	m.ifi.ifi_change = IFF_UP;
	m.ifi.ifi_flags = up ? IFF_UP : 0;
	return nl_request(nl, &m, NULL, NULL);
}

/* Enslaves @ifindex to @master, or releases it from its master if 0 */
int nl_link_set_master(struct nl *nl, int ifindex, int master)
{
	struct nl_msg m;

	nl_msg_init(&m, RTM_NEWLINK, 0, ifindex);
	nl_put_u32(&m, IFLA_MASTER, master);
	return nl_request(nl, &m, NULL, NULL);
}

int nl_bond_set_active(struct nl *nl, int bond, int port)
{
	struct rtattr *info, *data;
	struct nl_msg m;

	nl_msg_init(&m, RTM_NEWLINK, 0, bond);
	info = nl_nest(&m, IFLA_LINKINFO);
	nl_put_str(&m, IFLA_INFO_KIND, "bond");
	data = nl_nest(&m, IFLA_INFO_DATA);
	nl_put_u32(&m, IFLA_BOND_ACTIVE_SLAVE, port);
	nl_nest_end(&m, data);
	nl_nest_end(&m, info);
	return nl_request(nl, &m, NULL, NULL);
}
