// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy ioctls.  All return 0 or -errno.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "ioctl.h"

/* The socket the ioctls go through (any family would do) */
int io_open(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	return fd < 0 ? -errno : fd;
}

static void io_name(char dst[IFNAMSIZ], const char *name)
{
	strncpy(dst, name, IFNAMSIZ - 1);
	dst[IFNAMSIZ - 1] = '\0';
}

static int io_call(int fd, unsigned long cmd, struct ifreq *ifr)
{
	return ioctl(fd, cmd, ifr) < 0 ? -errno : 0;
}

int io_get_flags(int fd, const char *name, unsigned int *flags)
{
	struct ifreq ifr;
	int err;

	memset(&ifr, 0, sizeof(ifr));
	io_name(ifr.ifr_name, name);
	err = io_call(fd, SIOCGIFFLAGS, &ifr);
	if (!err)
		*flags = (unsigned short)ifr.ifr_flags;
	return err;
}

int io_set_up(int fd, const char *name, int up)
{
	struct ifreq ifr;
	int err;

	memset(&ifr, 0, sizeof(ifr));
	io_name(ifr.ifr_name, name);
	err = io_call(fd, SIOCGIFFLAGS, &ifr);
	if (err)
		return err;
	if (up)
		ifr.ifr_flags |= IFF_UP;
	else
		ifr.ifr_flags &= ~IFF_UP;
	return io_call(fd, SIOCSIFFLAGS, &ifr);
}

/* SIOCBONDENSLAVE, SIOCBONDRELEASE or SIOCBONDCHANGEACTIVE */
int io_bond_cmd(int fd, unsigned long cmd, const char *master,
		const char *slave)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	io_name(ifr.ifr_name, master);
	io_name(ifr.ifr_slave, slave);
	return io_call(fd, cmd, &ifr);
}

int io_bond_info(int fd, const char *master, struct ifbond *info)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memset(info, 0, sizeof(*info));
	io_name(ifr.ifr_name, master);
	ifr.ifr_data = (char *)info;
	return io_call(fd, SIOCBONDINFOQUERY, &ifr);
}

/* The @id-th port of @master (0 = first enslaved) */
int io_slave_info(int fd, const char *master, int id, struct ifslave *info)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memset(info, 0, sizeof(*info));
	io_name(ifr.ifr_name, master);
	info->slave_id = id;
	ifr.ifr_data = (char *)info;
	return io_call(fd, SIOCBONDSLAVEINFOQUERY, &ifr);
}
