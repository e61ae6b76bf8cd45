package safetext

import (
	"strings"
	"testing"
)

func TestRedactorRemovesSecretsAndSaysWhat(t *testing.T) {
	jwt := "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1cG4iOiJhbm5AY29udG9zby5jb20ifQ.c2lnbmF0dXJl"
	key := strings.Repeat("AbC1+/", 14) + "xy=="
	cases := []struct{ in, want string }{
		{"ask ann.lee@contoso.com or bob@sub.contoso.co.uk", "ask [e-mail address] or [e-mail address]"},
		{"https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&se=2026-01-01&sig=abc%2Bdef%3D", "https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&sp=r&se=2026-01-01&sig=[SAS signature]"},
		{"bearer " + jwt + " expired", "bearer [token] expired"},
		{"conn: DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + key + ";EndpointSuffix=core.windows.net done", "conn: [connection string] done"},
		{"Server=tcp:db.database.windows.net,1433;Database=app;User ID=sa;Password=S3cr3t!;Encrypt=true", "[connection string]"},
		{"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc=", "[connection string]"},
		{"admin password: hunter2, rotated", "admin password: [password], rotated"},
		{"the pwd=Tr0ub4dor&3 and secret is 'x y z'", "the pwd=[password] and secret is [password]"},
		{"key " + key + " leaked", "key [key] leaked"},
		{"vm /subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg at 10.0.0.4", "vm [resource ID] at [IP address]"},
		{"password policy is 14 characters; a=b; c=d", "password policy is 14 characters; a=b; c=d"},
		{"its password is in Jenna's safe", "its password is in Jenna's safe"},
		{"the password is Hunter2!", "the password is [password]"},
		{"version 1.2.3.4.5 at 10:30:00", "version 1.2.3.4.5 at 10:30:00"},
	}
	for _, c := range cases {
		var r Redactor
		if got := r.Redact(c.in); got != c.want {
			t.Errorf("Redact(%q)\n  = %q\nwant %q", c.in, got, c.want)
		}
	}
	var r Redactor
	r.Redact("ann@contoso.com, bob@contoso.com, sig=abc, pwd: x")
	if got := r.Summary(); got != "2 e-mail addresses, 1 SAS signature, 1 password" {
		t.Errorf("Summary: %q", got)
	}
	if (&Redactor{}).Summary() != "" {
		t.Error("an unused redactor reports something")
	}
}
