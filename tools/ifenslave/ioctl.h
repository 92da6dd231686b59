/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The legacy interface: SIOCBOND* ioctls on an AF_INET socket, and
 * SIOCGIFFLAGS/SIOCSIFFLAGS to take a port down before enslaving it.
 */
#ifndef IFENSLAVE_IOCTL_H
#define IFENSLAVE_IOCTL_H

#include <net/if.h>		/* before <linux/if.h>, which this pulls in */
#include <linux/if_bonding.h>
#include <linux/sockios.h>

int io_open(void);
int io_get_flags(int fd, const char *name, unsigned int *flags);
int io_set_up(int fd, const char *name, int up);
int io_bond_cmd(int fd, unsigned long cmd, const char *master,
		const char *slave);
int io_bond_info(int fd, const char *master, struct ifbond *info);
int io_slave_info(int fd, const char *master, int id, struct ifslave *info);

#endif /* IFENSLAVE_IOCTL_H */
