// SPDX-License-Identifier: GPL-2.0
/*
 * ethtool on the bond, and the device ioctls tools send it: the MII
 * registers mii-tool and ifplugd read, and hardware timestamping, which
 * reaches the active port so that PTP runs over active-backup.
 */
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/net_tstamp.h>
#include <linux/netdevice.h>
#include <linux/phy.h>
#include <linux/rtnetlink.h>
#include <linux/sockios.h>
#include <linux/uaccess.h>

#include "bond.h"

#define BOND_DRV_NAME		"bonding"

/* The version is left to ethtool, which reports the kernel's, as the
 * tree's driver does.
 */
static void bond_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, BOND_DRV_NAME, sizeof(info->driver));
	snprintf(info->fw_version, sizeof(info->fw_version), "%d",
		 BOND_ABI_VERSION);
}

/* The bond's speed: the sum of its transmitting ports', or the slowest
 * one's in a mode where every port sends every frame.
 */
static int bond_get_link_ksettings(struct net_device *dev,
				   struct ethtool_link_ksettings *ks)
{
	struct bond *bond = netdev_priv(dev);
	bool all_send = bond->mode->flags & BOND_MODE_F_ALL_SEND;
	struct bond_port *port;
	u32 speed = 0;

	ASSERT_RTNL();

	ks->base.duplex = DUPLEX_UNKNOWN;
	ks->base.port = PORT_OTHER;
	bond_for_each_port(bond, port) {
		if (!bond_port_can_tx(port))
			continue;
		if (port->speed != SPEED_UNKNOWN) {
			if (!all_send)
				speed += port->speed;
			else if (!speed || port->speed < speed)
				speed = port->speed;
		}
		if (ks->base.duplex == DUPLEX_UNKNOWN)
			ks->base.duplex = port->duplex;
	}
	ks->base.speed = speed ? speed : SPEED_UNKNOWN;
	return 0;
}

/* The active port's device, held, or NULL */
static struct net_device *bond_active_dev_get(struct bond *bond)
{
	struct bond_port *port;
	struct net_device *dev = NULL;

	rcu_read_lock();
	port = rcu_dereference(bond->active);
	if (port) {
		dev = port->dev;
		dev_hold(dev);
	}
	rcu_read_unlock();
	return dev;
}

static int bond_get_ts_info(struct net_device *dev, struct ethtool_ts_info *info)
{
	struct net_device *real = bond_active_dev_get(netdev_priv(dev));
	int err = 0;

	if (real && phy_has_tsinfo(real->phydev))
		err = phy_ts_info(real->phydev, info);
	else if (real && real->ethtool_ops->get_ts_info)
		err = real->ethtool_ops->get_ts_info(real, info);
	else
		err = ethtool_op_get_ts_info(dev, info);
	dev_put(real);
	return err;
}

const struct ethtool_ops bond_ethtool_ops = {
	.get_drvinfo		= bond_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= bond_get_link_ksettings,
	.get_ts_info		= bond_get_ts_info,
};

/* SIOC[SG]HWTSTAMP go to the active port; the answer says so with
 * HWTSTAMP_FLAG_BONDED_PHC_INDEX, which a setter must have asked for.
 */
static int bond_hwtstamp_ioctl(struct bond *bond, struct ifreq *ifr, int cmd)
{
	struct bond_port *active = rtnl_dereference(bond->active);
	struct net_device *real = active ? active->dev : NULL;
	struct hwtstamp_config cfg;
	struct ifreq req;
	int err;

	if (copy_from_user(&cfg, ifr->ifr_data, sizeof(cfg)))
		return -EFAULT;
	if (cmd == SIOCSHWTSTAMP &&
	    !(cfg.flags & HWTSTAMP_FLAG_BONDED_PHC_INDEX))
		return -EOPNOTSUPP;
	if (!real || !netif_device_present(real) ||
	    !real->netdev_ops->ndo_eth_ioctl)
		return -EOPNOTSUPP;
	strscpy_pad(req.ifr_name, real->name, IFNAMSIZ);
	req.ifr_ifru = ifr->ifr_ifru;
	err = real->netdev_ops->ndo_eth_ioctl(real, &req, cmd);
	if (err)
		return err;
	ifr->ifr_ifru = req.ifr_ifru;
	if (copy_from_user(&cfg, ifr->ifr_data, sizeof(cfg)))
		return -EFAULT;
	cfg.flags |= HWTSTAMP_FLAG_BONDED_PHC_INDEX;
	return copy_to_user(ifr->ifr_data, &cfg, sizeof(cfg)) ? -EFAULT : 0;
}

/* ndo_eth_ioctl: the bond's MII status register says whether it has
 * carrier (PHY 0, register 1, BMSR_LSTATUS); hardware timestamping is
 * the active port's.  RTNL.
 */
int bond_eth_ioctl(struct net_device *dev, struct ifreq *ifr, int cmd)
{
	struct mii_ioctl_data *mii = if_mii(ifr);

	ASSERT_RTNL();

	switch (cmd) {
	case SIOCGMIIPHY:
		mii->phy_id = 0;
		fallthrough;
	case SIOCGMIIREG:
		if (mii->reg_num == MII_BMSR)
			mii->val_out = netif_carrier_ok(dev) ? BMSR_LSTATUS : 0;
		return 0;
	case SIOCSHWTSTAMP:
	case SIOCGHWTSTAMP:
		return bond_hwtstamp_ioctl(netdev_priv(dev), ifr, cmd);
	}
	return -EOPNOTSUPP;
}
