// SPDX-License-Identifier: GPL-2.0
/*
 * The Slow Protocols PDUs of LACP (IEEE 802.1AX-2014 6.4.2, version 1) and
 * of the Marker protocol (6.5.3), as octets after the MAC header.  Both are
 * 110 octets; the fields are big-endian and unaligned.
 */
#include <asm/unaligned.h>
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/string.h>

#include "lacp.h"

/* The Slow Protocols multicast address, 01-80-C2-00-00-02 */
const u8 lacp_slow_addr[ETH_ALEN] __aligned(2) = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x02
};

/* Offsets in an LACPDU */
enum {
	LACPDU_SUBTYPE		= 0,
	LACPDU_VERSION		= 1,
	LACPDU_ACTOR		= 2,	/* TLV type 1, length 20 */
	LACPDU_PARTNER		= 22,	/* TLV type 2, length 20 */
	LACPDU_COLLECTOR	= 42,	/* TLV type 3, length 16 */
	LACPDU_TERMINATOR	= 58,	/* TLV type 0, length 0 */
};

#define LACP_TLV_ACTOR		1
#define LACP_TLV_PARTNER	2
#define LACP_TLV_COLLECTOR	3
#define LACP_INFO_LEN		20
#define LACP_COLLECTOR_LEN	16
#define LACP_MARKER_TLV_LEN	16

/* An actor or partner information TLV: type, length, then the tuple */
static void lacp_info_put(u8 *tlv, u8 type, const struct lacp_info *info)
{
	tlv[0] = type;
	tlv[1] = LACP_INFO_LEN;
	put_unaligned_be16(info->sys_prio, tlv + 2);
	memcpy(tlv + 4, info->system, ETH_ALEN);
	put_unaligned_be16(info->key, tlv + 10);
	put_unaligned_be16(info->port_prio, tlv + 12);
	put_unaligned_be16(info->port, tlv + 14);
	tlv[16] = info->state;
}

static int lacp_info_get(const u8 *tlv, u8 type, struct lacp_info *info)
{
	if (tlv[0] != type || tlv[1] != LACP_INFO_LEN)
		return -EINVAL;
	info->sys_prio = get_unaligned_be16(tlv + 2);
	memcpy(info->system, tlv + 4, ETH_ALEN);
	info->key = get_unaligned_be16(tlv + 10);
	info->port_prio = get_unaligned_be16(tlv + 12);
	info->port = get_unaligned_be16(tlv + 14);
	info->state = tlv[16];
	return 0;
}

/* Fills @buf (LACP_PDU_LEN octets) with the LACPDU @lp sends now */
void lacp_pdu_build(u8 *buf, const struct lacp_port *lp)
{
	memset(buf, 0, LACP_PDU_LEN);
	buf[LACPDU_SUBTYPE] = LACP_SLOW_SUBTYPE_LACP;
	buf[LACPDU_VERSION] = 1;
	lacp_info_put(buf + LACPDU_ACTOR, LACP_TLV_ACTOR, &lp->actor);
	lacp_info_put(buf + LACPDU_PARTNER, LACP_TLV_PARTNER, &lp->partner);
	buf[LACPDU_COLLECTOR] = LACP_TLV_COLLECTOR;
	buf[LACPDU_COLLECTOR + 1] = LACP_COLLECTOR_LEN;
	/* CollectorMaxDelay 0, then reserved octets and the terminator */
}

/**
 * lacp_pdu_parse - validate and decode an LACPDU
 * @buf: the octets after the MAC header
 * @len: how many there are
 * @pdu: the result
 *
 * Later versions may append TLVs, which are ignored (6.4.2.3); the three
 * version 1 TLVs must be where version 1 puts them.  Returns -EINVAL for a
 * PDU that is too short or malformed.
 */
int lacp_pdu_parse(const u8 *buf, unsigned int len, struct lacp_pdu *pdu)
{
	if (len < LACP_PDU_LEN || buf[LACPDU_SUBTYPE] != LACP_SLOW_SUBTYPE_LACP ||
	    !buf[LACPDU_VERSION])
		return -EINVAL;
	if (lacp_info_get(buf + LACPDU_ACTOR, LACP_TLV_ACTOR, &pdu->actor) ||
	    lacp_info_get(buf + LACPDU_PARTNER, LACP_TLV_PARTNER,
			  &pdu->partner))
		return -EINVAL;
	if (buf[LACPDU_COLLECTOR] != LACP_TLV_COLLECTOR ||
	    buf[LACPDU_COLLECTOR + 1] != LACP_COLLECTOR_LEN)
		return -EINVAL;
	pdu->collector_max_delay = get_unaligned_be16(buf + LACPDU_COLLECTOR +
						      2);
	return 0;
}

/**
 * lacp_marker_check - validate a Marker PDU
 * @buf: the octets after the MAC header
 * @len: how many there are
 *
 * Returns its TLV type (LACP_MARKER_INFO or LACP_MARKER_RESPONSE), 0 for
 * an unknown one, -EINVAL for a PDU that is too short or malformed.  A
 * responder answers an information PDU with the same octets, the TLV type
 * changed to LACP_MARKER_RESPONSE.
 */
int lacp_marker_check(const u8 *buf, unsigned int len)
{
	if (len < LACP_PDU_LEN || buf[0] != LACP_SLOW_SUBTYPE_MARKER ||
	    !buf[1] || buf[3] != LACP_MARKER_TLV_LEN)
		return -EINVAL;
	if (buf[2] == LACP_MARKER_INFO || buf[2] == LACP_MARKER_RESPONSE)
		return buf[2];
	return 0;
}
