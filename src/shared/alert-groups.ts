// A grouped notice: many servers raised the same alert within moments (a fault storm). It goes out
// as one notification that still lists every server.

export interface NoticeGroupMember {
  serverId: string;
  alertId: string;
  summary: string;
}

export interface NoticeGroup {
  rule: string;
  count: number;
  /** Every server of the group (none left out), in the order their alerts came. */
  servers: NoticeGroupMember[];
}
