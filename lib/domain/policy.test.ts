import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "./policy";

// DESIGN.md §3 written out cell by cell, independently of the module under test.
const Y = true;
const N = false;
const expected: Record<Permission, [boolean, boolean, boolean, boolean, boolean]> = {
  //                        ADMIN EDITOR RESEARCHER VIEWER PARTNER
  "case.identity.read": [Y, Y, Y, N, N],
  "case.read": [Y, Y, Y, Y, N],
  "case.read.shared": [N, N, N, N, Y],
  "case.write": [Y, Y, Y, N, N],
  "case.delete": [Y, Y, N, N, N],
  "case.merge": [Y, Y, N, N, N],
  "case.restore": [Y, N, N, N, N],
  "stats.read": [Y, Y, Y, Y, N],
  "stats.read.shared": [N, N, N, N, Y],
  "export.records": [Y, Y, N, N, N],
  "export.aggregates": [Y, Y, N, Y, N],
  "share.manage": [Y, Y, N, N, N],
  "user.manage": [Y, N, N, N, N],
  "organisation.manage": [Y, N, N, N, N],
  "audit.read": [Y, N, N, N, N],
};

describe("role matrix", () => {
  it("covers every permission the policy defines", () => {
    expect(new Set(PERMISSIONS)).toEqual(new Set(Object.keys(expected)));
  });

  for (const permission of PERMISSIONS) {
    ROLES.forEach((role: Role, column) => {
      const allowed = expected[permission][column];
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    });
  }
});
