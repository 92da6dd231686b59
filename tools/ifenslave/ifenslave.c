// SPDX-License-Identifier: GPL-2.0
/*
 * ifenslave - attach ports to a bonding device, detach them, change the
 * active one, and show the bonds.
 *
 * Every port operation is written once against a backend: rtnetlink, or
 * the legacy SIOCBOND* ioctls when netlink answers EOPNOTSUPP (or with
 * --ioctl).  The in-tree driver refuses a port that is up, so a port is
 * taken down before it is enslaved; the bond brings it up again.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ioctl.h"
#include "nl.h"

#define IFENSLAVE_VERSION	"2.0"
#define EXIT_USAGE		2
#define MSG_MAX			256
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

struct port {
	const char *name;
	int ifindex;
};

/* A link's flags and master, as a backend sees them */
struct link_state {
	unsigned int flags;	/* IFF_* */
	int master;		/* ifindex; 0: none; -1: one, not known which */
};

struct ctx {
	struct nl nl;
	int io;			/* socket for the ioctls */
	int force;
	int verbose;
	int use_ioctl;		/* --ioctl, or no netlink socket */
	const char *master;
	int master_idx;
	char msg[MSG_MAX];	/* detail for the error report */
};

/* One way of talking to the kernel; each returns 0 or -errno */
struct backend {
	const char *name;
	int (*state)(struct ctx *c, const struct port *p, struct link_state *st);
	int (*set_up)(struct ctx *c, const struct port *p, int up);
	int (*enslave)(struct ctx *c, const struct port *p);
	int (*release)(struct ctx *c, const struct port *p);
	int (*change)(struct ctx *c, const struct port *p);
	int (*is_bond)(struct ctx *c);
};

typedef int (*port_fn)(struct ctx *c, const struct backend *be,
		       const struct port *p);

struct action {
	int opt;		/* its option letter, 0 for the default */
	const char *verb;	/* for --verbose */
	int min_args;		/* operands: MASTER and SLAVE... */
	int max_args;
	int kernel;		/* needs the sockets */
	port_fn port;		/* run on each SLAVE by run_ports() */
	int (*run)(struct ctx *c, const struct action *a, int argc,
		   char **argv);
};

/* ------------------------------------------------------------ messages */

/* Sets the detail of the coming error report; returns @err */
static int fail(struct ctx *c, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof(c->msg), fmt, ap);
	va_end(ap);
	return err;
}

static void note(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->verbose)
		return;
	fputs("ifenslave: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void clear_msg(struct ctx *c)
{
	c->msg[0] = '\0';
	c->nl.ext[0] = '\0';
}

/* "ifenslave: NAME: strerror[: detail]"; returns 1, the exit status */
static int report(struct ctx *c, const char *name, int err)
{
	const char *detail = c->msg[0] ? c->msg : c->nl.ext;

	fprintf(stderr, "ifenslave: %s: %s%s%s\n", name, strerror(-err),
		detail[0] ? ": " : "", detail);
	clear_msg(c);
	return 1;
}

/* ------------------------------------------------------ netlink backend */

static int via_nl_state(struct ctx *c, const struct port *p,
			struct link_state *st)
{
	struct nl_link link;
	int err;

	err = nl_link_get(&c->nl, p->ifindex, &link);
	st->flags = link.flags;
	st->master = link.master;
	return err;
}

static int via_nl_set_up(struct ctx *c, const struct port *p, int up)
{
	return nl_link_set_up(&c->nl, p->ifindex, up);
}

static int via_nl_enslave(struct ctx *c, const struct port *p)
{
	return nl_link_set_master(&c->nl, p->ifindex, c->master_idx);
}

/* IFLA_MASTER 0 releases from any master: check it is ours first */
static int via_nl_release(struct ctx *c, const struct port *p)
{
	struct link_state st;
	int err;

	err = via_nl_state(c, p, &st);
	if (err)
		return err;
	if (st.master != c->master_idx)
		return fail(c, -EINVAL, "not a slave of %s", c->master);
	return nl_link_set_master(&c->nl, p->ifindex, 0);
}

static int via_nl_change(struct ctx *c, const struct port *p)
{
	return nl_bond_set_active(&c->nl, c->master_idx, p->ifindex);
}

static int via_nl_is_bond(struct ctx *c)
{
	struct nl_link link;
	int err;

	err = nl_link_get(&c->nl, c->master_idx, &link);
	if (err)
		return err;
	if (strcmp(link.kind, "bond"))
		return fail(c, -EINVAL, "not a bonding master");
	return 0;
}

static const struct backend nl_backend = {
	.name = "netlink",
	.state = via_nl_state,
	.set_up = via_nl_set_up,
	.enslave = via_nl_enslave,
	.release = via_nl_release,
	.change = via_nl_change,
	.is_bond = via_nl_is_bond,
};

/* -------------------------------------------------------- ioctl backend */

static int via_io_state(struct ctx *c, const struct port *p,
			struct link_state *st)
{
	int err;

	st->flags = 0;
	err = io_get_flags(c->io, p->name, &st->flags);
	st->master = (st->flags & IFF_SLAVE) ? -1 : 0;
	return err;
}

static int via_io_set_up(struct ctx *c, const struct port *p, int up)
{
	return io_set_up(c->io, p->name, up);
}

static int via_io_enslave(struct ctx *c, const struct port *p)
{
	return io_bond_cmd(c->io, SIOCBONDENSLAVE, c->master, p->name);
}

static int via_io_release(struct ctx *c, const struct port *p)
{
	return io_bond_cmd(c->io, SIOCBONDRELEASE, c->master, p->name);
}

static int via_io_change(struct ctx *c, const struct port *p)
{
	return io_bond_cmd(c->io, SIOCBONDCHANGEACTIVE, c->master, p->name);
}

static int via_io_is_bond(struct ctx *c)
{
	struct ifbond info;
	int err;

	err = io_bond_info(c->io, c->master, &info);
	if (err == -EOPNOTSUPP)
		return fail(c, -EINVAL, "not a bonding master");
	return err;
}

static const struct backend io_backend = {
	.name = "ioctl",
	.state = via_io_state,
	.set_up = via_io_set_up,
	.enslave = via_io_enslave,
	.release = via_io_release,
	.change = via_io_change,
	.is_bond = via_io_is_bond,
};

/*
 * Runs @fn over netlink, then over the ioctls if netlink can't do it.
 * @verb and @p (or the master) name the operation for --verbose.
 */
static int with_backend(struct ctx *c, port_fn fn, const char *verb,
			const struct port *p)
{
	const char *name = p ? p->name : c->master;
	int err;

	clear_msg(c);
	if (!c->use_ioctl) {
		note(c, "%s: %s %s via netlink", c->master, verb, name);
		err = fn(c, &nl_backend, p);
		if (err != -EOPNOTSUPP)
			return err;
		note(c, "netlink: %s%s%s", strerror(-err),
		     c->nl.ext[0] ? ": " : "", c->nl.ext);
		clear_msg(c);
	}
	note(c, "%s: %s %s via ioctl", c->master, verb, name);
	return fn(c, &io_backend, p);
}

/* ------------------------------------------------------ port operations */

static int do_enslave(struct ctx *c, const struct backend *be,
		      const struct port *p)
{
	char name[IF_NAMESIZE] = "";
	struct link_state st;
	int err;

	err = be->state(c, p, &st);
	if (err)
		return err;
	if (st.master == c->master_idx)
		return fail(c, -EEXIST, "already a slave of %s", c->master);
	if ((st.master || (st.flags & IFF_SLAVE)) && !c->force) {
		if (st.master > 0)
			if_indextoname(st.master, name);
		return fail(c, -EBUSY, "already enslaved%s%s",
			    name[0] ? " to " : "", name);
	}
	if (st.flags & IFF_UP) {
		note(c, "%s: taking %s down", c->master, p->name);
		err = be->set_up(c, p, 0);
		if (err)
			return err;
	}
	err = be->enslave(c, p);
	if (err && (st.flags & IFF_UP))
		be->set_up(c, p, 1);	/* leave it as it was */
	return err;
}

static int do_release(struct ctx *c, const struct backend *be,
		      const struct port *p)
{
	return be->release(c, p);
}

static int do_change(struct ctx *c, const struct backend *be,
		     const struct port *p)
{
	return be->change(c, p);
}

static int check_bond(struct ctx *c, const struct backend *be,
		      const struct port *p)
{
	(void)p;
	return be->is_bond(c);
}

static int open_master(struct ctx *c, const char *name)
{
	int err;

	c->master = name;
	c->master_idx = if_nametoindex(name);
	if (!c->master_idx)
		return report(c, name, -ENODEV);
	if (c->force)
		return 0;
	err = with_backend(c, check_bond, "checking", NULL);
	return err ? report(c, name, err) : 0;
}

static int run_port(struct ctx *c, const struct action *a, const char *name)
{
	struct port p = { .name = name, .ifindex = if_nametoindex(name) };
	int err;

	clear_msg(c);
	if (!p.ifindex)
		return report(c, name, -ENODEV);
	err = with_backend(c, a->port, a->verb, &p);
	return err ? report(c, name, err) : 0;
}

/* MASTER SLAVE...: every SLAVE is tried, even after a failure */
static int run_ports(struct ctx *c, const struct action *a, int argc,
		     char **argv)
{
	int i, rc = 0;

	if (open_master(c, argv[0]))
		return 1;
	for (i = 1; i < argc; i++)
		rc |= run_port(c, a, argv[i]);
	return rc;
}

/* ------------------------------------------------------------------ -a */

static const char *const mode_names[] = {
	"balance-rr", "active-backup", "balance-xor", "broadcast",
	"802.3ad", "balance-tlb", "balance-alb",
};

static const char *const link_names[] = { "up", "fail", "down", "back" };

static const char *const state_names[] = { "active", "backup" };

static const char *name_of(const char *const *names, size_t n, int val,
			   char *buf, size_t size)
{
	if (val >= 0 && (size_t)val < n)
		return names[val];
	snprintf(buf, size, "unknown(%d)", val);
	return buf;
}

static void show_slave(const struct ifslave *s)
{
	char lbuf[24], sbuf[24];
	const char *link, *state;

	link = name_of(link_names, ARRAY_SIZE(link_names), s->link, lbuf,
		       sizeof(lbuf));
	state = name_of(state_names, ARRAY_SIZE(state_names), s->state, sbuf,
			sizeof(sbuf));
	printf("\tslave %.*s link %s state %s link_failure_count %u\n",
	       IFNAMSIZ, s->slave_name, link, state, s->link_failure_count);
}

static int show_bond(struct ctx *c, const char *bond)
{
	struct ifbond info;
	struct ifslave s;
	const char *mode;
	char buf[24];
	int i, err;

	err = io_bond_info(c->io, bond, &info);
	if (err == -EOPNOTSUPP)
		fail(c, err, "not a bonding master");
	if (err)
		return report(c, bond, err);
	mode = name_of(mode_names, ARRAY_SIZE(mode_names), info.bond_mode, buf,
		       sizeof(buf));
	printf("%s: mode %s miimon %d slaves %d\n", bond, mode, info.miimon,
	       info.num_slaves);
	for (i = 0; i < info.num_slaves; i++) {
		err = io_slave_info(c->io, bond, i, &s);
		if (err == -ENODEV)
			break;	/* released meanwhile */
		if (err)
			return report(c, bond, err);
		show_slave(&s);
	}
	return 0;
}

struct bond_list {
	char (*name)[IFNAMSIZ];
	int n;
};

static int bond_list_add(struct bond_list *l, const char *name)
{
	char (*more)[IFNAMSIZ];

	more = realloc(l->name, (l->n + 1) * sizeof(*l->name));
	if (!more)
		return -ENOMEM;
	l->name = more;
	snprintf(l->name[l->n++], IFNAMSIZ, "%s", name);
	return 0;
}

static int bond_list_link(const struct nl_link *link, void *arg)
{
	return strcmp(link->kind, "bond") ? 0 : bond_list_add(arg, link->name);
}

#define SPACES	" \t\n"

/* The bonds from sysfs, when netlink can't list them */
static int bond_list_sysfs(struct bond_list *l)
{
	char buf[4096], *tok, *save;
	FILE *f;
	int err = 0;

	f = fopen("/sys/class/net/bonding_masters", "r");
	if (!f)
		return errno == ENOENT ? 0 : -errno;	/* no bonding loaded */
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	for (tok = strtok_r(buf, SPACES, &save); tok && !err;
	     tok = strtok_r(NULL, SPACES, &save))
		err = bond_list_add(l, tok);
	return err;
}

static int bond_list(struct ctx *c, struct bond_list *l)
{
	int err = -EOPNOTSUPP;

	if (!c->use_ioctl) {
		err = nl_link_dump(&c->nl, bond_list_link, l);
		if (!err)
			return 0;
		note(c, "netlink dump: %s; reading bonding_masters",
		     strerror(-err));
		l->n = 0;
	}
	return bond_list_sysfs(l);
}

/* [MASTER...]: the named bonds, or all of them */
static int run_show(struct ctx *c, const struct action *a, int argc,
		    char **argv)
{
	struct bond_list l = { NULL, 0 };
	int i, err, rc = 0;

	(void)a;
	for (i = 0; i < argc; i++)
		rc |= show_bond(c, argv[i]);
	if (argc)
		return rc;
	err = bond_list(c, &l);
	if (err)
		rc = report(c, "bonding masters", err);
	for (i = 0; i < l.n; i++)
		rc |= show_bond(c, l.name[i]);
	if (!l.n)
		note(c, "no bonding masters");
	free(l.name);
	return rc;
}

/* ---------------------------------------------------- help and options */

static void usage(FILE *f)
{
	fputs("Usage: ifenslave [-f] [-v] [-i] MASTER SLAVE...\n"
	      "       ifenslave -d [-f] [-v] [-i] MASTER SLAVE...\n"
	      "       ifenslave -c [-f] [-v] [-i] MASTER SLAVE\n"
	      "       ifenslave -a [-v] [-i] [MASTER...]\n"
	      "       ifenslave -h | -u | -V\n", f);
}

static int run_usage(struct ctx *c, const struct action *a, int argc,
		     char **argv)
{
	(void)c, (void)a, (void)argc, (void)argv;
	usage(stdout);
	return 0;
}

static int run_help(struct ctx *c, const struct action *a, int argc,
		    char **argv)
{
	run_usage(c, a, argc, argv);
	fputs("\n"
	      "Attach SLAVEs to the bonding device MASTER, detach them, or\n"
	      "change MASTER's active slave.  Slaves are taken down first.\n"
	      "\n"
	      "  -a, --all-interfaces  show bonds: mode, miimon, slaves\n"
	      "  -c, --change-active   make SLAVE the active slave\n"
	      "  -d, --detach          release the SLAVEs from MASTER\n"
	      "  -f, --force           skip the checks that MASTER is a bond\n"
	      "                        and that a SLAVE has no master yet\n"
	      "  -i, --ioctl           use the legacy ioctls, not netlink\n"
	      "  -v, --verbose         tell what is done\n"
	      "  -h, --help            this help\n"
	      "  -u, --usage           the usage lines\n"
	      "  -V, --version         the version\n"
	      "\n"
	      "Exit status: 0 success, 1 an operation failed, 2 usage error.\n",
	      stdout);
	return 0;
}

static int run_version(struct ctx *c, const struct action *a, int argc,
		       char **argv)
{
	(void)c, (void)a, (void)argc, (void)argv;
	printf("ifenslave %s (rtnetlink, SIOCBOND* ioctls; bonding ABI %d)\n",
	       IFENSLAVE_VERSION, BOND_ABI_VERSION);
	return 0;
}

enum {
	ACT_ENSLAVE,
	ACT_RELEASE,
	ACT_CHANGE,
	ACT_SHOW,
	ACT_HELP,
	ACT_USAGE,
	ACT_VERSION,
};

static const struct action actions[] = {
	[ACT_ENSLAVE] = { 0, "enslaving", 2, INT_MAX, 1, do_enslave, run_ports },
	[ACT_RELEASE] = { 'd', "releasing", 2, INT_MAX, 1, do_release, run_ports },
	[ACT_CHANGE] = { 'c', "making active", 2, 2, 1, do_change, run_ports },
	[ACT_SHOW] = { 'a', "showing", 0, INT_MAX, 1, NULL, run_show },
	[ACT_HELP] = { 'h', NULL, 0, 0, 0, NULL, run_help },
	[ACT_USAGE] = { 'u', NULL, 0, 0, 0, NULL, run_usage },
	[ACT_VERSION] = { 'V', NULL, 0, 0, 0, NULL, run_version },
};

static const struct option long_opts[] = {
	{ "all-interfaces", no_argument, NULL, 'a' },
	{ "change-active", no_argument, NULL, 'c' },
	{ "detach", no_argument, NULL, 'd' },
	{ "force", no_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ "ioctl", no_argument, NULL, 'i' },
	{ "usage", no_argument, NULL, 'u' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Option letter @opt selects its action; a second, different one is an error */
static int set_action(const struct action **act, int opt)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(actions); i++) {
		if (actions[i].opt != opt || !opt)
			continue;
		if (*act != &actions[ACT_ENSLAVE] && *act != &actions[i]) {
			fputs("ifenslave: conflicting options\n", stderr);
			return -1;
		}
		*act = &actions[i];
		return 0;
	}
	return -1;		/* '?': getopt has complained */
}

/* Returns the index of the first operand, or -1 */
static int parse_args(struct ctx *c, int argc, char **argv,
		      const struct action **act)
{
	int opt;

	*act = &actions[ACT_ENSLAVE];
	while ((opt = getopt_long(argc, argv, "acdfhiuvV", long_opts,
				  NULL)) != -1) {
		if (opt == 'f')
			c->force = 1;
		else if (opt == 'i')
			c->use_ioctl = 1;
		else if (opt == 'v')
			c->verbose = 1;
		else if (set_action(act, opt))
			return -1;
	}
	return optind;
}

static int open_sockets(struct ctx *c)
{
	int err;

	c->io = io_open();
	if (c->io < 0) {
		report(c, "socket", c->io);
		return -1;
	}
	if (c->use_ioctl)
		return 0;
	err = nl_open(&c->nl);
	if (err) {
		note(c, "netlink: %s; using the ioctls", strerror(-err));
		c->use_ioctl = 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct ctx c = { .nl = { .fd = -1 }, .io = -1 };
	const struct action *a;
	int first, rc;

	first = parse_args(&c, argc, argv, &a);
	if (first < 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	argc -= first;
	argv += first;
	if (argc < a->min_args || argc > a->max_args) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (a->kernel && open_sockets(&c))
		return 1;
	rc = a->run(&c, a, argc, argv);
	nl_close(&c.nl);
	return rc;
}
