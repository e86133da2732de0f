// In-memory state of the Enhance stand-in. Every API token gets its own realm (its own master organisation,
// plans, customers, logins…), so two storefronts pointed at the same sandbox never see each other's hosting.
// Passwords are never kept: a login only records that one was set.

/** The master organisation every realm starts with; staff enter it as the panel's organizationId option. */
export const ENHANCE_SIM_ORG_ID = '0e5a0c0e-0000-4000-8000-000000000001';

export interface SimPlan {
  id: number;
  name: string;
  diskBytes: number;
  transferBytes: number;
}

export const SIM_PLANS: readonly SimPlan[] = [
  { id: 1, name: 'Starter', diskBytes: 10 * 1024 ** 3, transferBytes: 100 * 1024 ** 3 },
  { id: 2, name: 'Business', diskBytes: 50 * 1024 ** 3, transferBytes: 500 * 1024 ** 3 },
  { id: 3, name: 'Agency', diskBytes: 200 * 1024 ** 3, transferBytes: 2000 * 1024 ** 3 },
];

export interface SimOrg {
  id: string;
  parentId: string | null;
  name: string;
  ownerMemberId: string | null;
  createdAt: string;
}

export interface SimLogin {
  id: string;
  /** The organisation the login was registered in (POST /logins?orgId=). */
  orgId: string;
  email: string;
  name: string;
  registeredAt: string;
}

export interface SimMember {
  id: string;
  orgId: string;
  loginId: string;
  roles: string[];
  joinedAt: string;
}

export interface SimSubscription {
  id: number;
  planId: number;
  subscriberId: string;
  vendorId: string;
  friendlyName: string;
  status: 'active' | 'deleted';
  suspendedBy: string | null;
  createdAt: string;
}

export interface SimWebsite {
  id: string;
  orgId: string;
  subscriptionId: number;
  domain: string;
  createdAt: string;
}

export interface SimRealm {
  token: string;
  orgs: Map<string, SimOrg>;
  logins: Map<string, SimLogin>;
  members: Map<string, SimMember>;
  subscriptions: Map<number, SimSubscription>;
  websites: Map<string, SimWebsite>;
  nextSubscriptionId: number;
}

export interface SimOtp {
  token: string;
  memberId: string;
  expiresAt: number;
}

export class EnhanceSimState {
  readonly realms = new Map<string, SimRealm>();
  readonly otps = new Map<string, SimOtp>();

  realm(token: string): SimRealm {
    let realm = this.realms.get(token);
    if (!realm) {
      const master: SimOrg = { id: ENHANCE_SIM_ORG_ID, parentId: null, name: 'Sandbox Hosting (master organisation)', ownerMemberId: null, createdAt: new Date().toISOString() };
      realm = { token, orgs: new Map([[master.id, master]]), logins: new Map(), members: new Map(), subscriptions: new Map(), websites: new Map(), nextSubscriptionId: 1 };
      this.realms.set(token, realm);
    }
    return realm;
  }

  reset(): void {
    this.realms.clear();
    this.otps.clear();
  }
}

export function isSuspended(sub: SimSubscription): boolean {
  return sub.suspendedBy !== null;
}

/** Fake but stable usage figures, so status pages show something that moves with the subscription. */
export function simUsage(realm: SimRealm, sub: SimSubscription): { bandwidthBytes: number; diskBytes: number } {
  const sites = [...realm.websites.values()].filter((w) => w.subscriptionId === sub.id).length;
  return { bandwidthBytes: sub.id * 1_234_567_890, diskBytes: sites * 157_286_400 };
}

/** The token as the state page shows it: enough to tell realms apart, not enough to reuse. */
export function maskToken(token: string): string {
  return `${token.slice(0, 4)}…(${token.length} chars)`;
}

export function realmSnapshot(realm: SimRealm) {
  const orgName = (id: string) => realm.orgs.get(id)?.name ?? id;
  const ownerEmail = (org: SimOrg) => {
    const member = org.ownerMemberId ? realm.members.get(org.ownerMemberId) : undefined;
    return member ? (realm.logins.get(member.loginId)?.email ?? null) : null;
  };
  return {
    token: maskToken(realm.token),
    masterOrgId: ENHANCE_SIM_ORG_ID,
    customers: [...realm.orgs.values()]
      .filter((o) => o.parentId !== null)
      .map((o) => ({ id: o.id, name: o.name, parentId: o.parentId, ownerEmail: ownerEmail(o), createdAt: o.createdAt })),
    logins: [...realm.logins.values()].map((l) => ({ id: l.id, email: l.email, name: l.name, orgId: l.orgId })),
    members: [...realm.members.values()].map((m) => ({ id: m.id, orgId: m.orgId, loginId: m.loginId, roles: m.roles })),
    subscriptions: [...realm.subscriptions.values()].map((s) => ({
      id: s.id,
      customer: orgName(s.subscriberId),
      subscriberId: s.subscriberId,
      planId: s.planId,
      planName: SIM_PLANS.find((p) => p.id === s.planId)?.name ?? null,
      friendlyName: s.friendlyName,
      status: s.status === 'deleted' ? 'deleted' : isSuspended(s) ? 'suspended' : 'active',
      createdAt: s.createdAt,
    })),
    websites: [...realm.websites.values()].map((w) => ({ id: w.id, domain: w.domain, orgId: w.orgId, customer: orgName(w.orgId), subscriptionId: w.subscriptionId })),
  };
}
