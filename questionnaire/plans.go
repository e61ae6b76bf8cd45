package questionnaire

import "strings"

// LicencePlan is a Microsoft subscription an organization can name in its
// profile (licences:), with the bank licences it includes. The inclusions
// are those the bank's licence names state ("Microsoft Entra ID P1 (in
// Microsoft 365 Business Premium and E3)"); a plan not listed here is
// unknown to the profile check.
type LicencePlan struct {
	ID       string
	Name     string
	Includes []string // bank licence ids
}

// LicencePlans are the subscriptions a profile may name, smallest first.
var LicencePlans = []LicencePlan{
	{"m365-business-basic", "Microsoft 365 Business Basic", nil},
	{"m365-business-standard", "Microsoft 365 Business Standard", nil},
	{"m365-business-premium", "Microsoft 365 Business Premium", []string{"entra-p1", "intune", "defender-endpoint", "defender-office"}},
	{"m365-e3", "Microsoft 365 E3", []string{"entra-p1", "intune"}},
	{"m365-e5", "Microsoft 365 E5", []string{"entra-p1", "entra-p2", "intune", "defender-endpoint", "defender-office", "defender-office-p2"}},
	{"entra-p1", "Microsoft Entra ID P1", []string{"entra-p1"}},
	{"entra-p2", "Microsoft Entra ID P2", []string{"entra-p1", "entra-p2"}},
	{"intune", "Microsoft Intune Plan 1", []string{"intune"}},
	{"defender-business", "Microsoft Defender for Business", []string{"defender-endpoint"}},
	{"defender-endpoint", "Microsoft Defender for Endpoint", []string{"defender-endpoint"}},
	{"defender-office-p1", "Microsoft Defender for Office 365 Plan 1", []string{"defender-office"}},
	{"defender-office-p2", "Microsoft Defender for Office 365 Plan 2", []string{"defender-office", "defender-office-p2"}},
	{"defender-servers", "Microsoft Defender for Servers", []string{"defender-servers"}},
}

// PlanByID finds a plan.
func PlanByID(id string) (LicencePlan, bool) {
	for _, p := range LicencePlans {
		if p.ID == id {
			return p, true
		}
	}
	return LicencePlan{}, false
}

// PlanIDs lists the plan ids, for error messages.
func PlanIDs() string {
	ids := make([]string, len(LicencePlans))
	for i, p := range LicencePlans {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}

// KnowsLicences reports whether the profile says which plans the
// organization has: without it, no action is judged against them.
func (p Profile) KnowsLicences() bool { return len(p.Licences) > 0 }

// HasLicence reports whether one of the profile's plans includes a bank
// licence.
func (p Profile) HasLicence(id string) bool {
	for _, pid := range p.Licences {
		pl, _ := PlanByID(pid)
		for _, x := range pl.Includes {
			if x == id {
				return true
			}
		}
	}
	return false
}

// LicenceNames are the names of the profile's plans.
func (p Profile) LicenceNames() []string {
	var out []string
	for _, id := range p.Licences {
		if pl, ok := PlanByID(id); ok {
			out = append(out, pl.Name)
		} else {
			out = append(out, id)
		}
	}
	return out
}

// OwnerName is who does an action of the given bank role: the person the
// profile maps the role to; else, when the profile maps some roles, the
// role's name marked "to assign"; else the role's name (fallback).
func (p Profile) OwnerName(role, fallback string) string {
	if n := strings.TrimSpace(p.Owners[role]); n != "" {
		return n
	}
	if len(p.Owners) > 0 && fallback != "" {
		return fallback + " (to assign)"
	}
	return fallback
}
