package config

import (
	"strings"
	"testing"
)

func TestServerTimeZone(t *testing.T) {
	f := &File{Profiles: []Profile{{Name: "real", URL: "https://pam.example", ClientID: "id", ClientSecret: "s", ServerTimeZone: "America/Sao_Paulo"}}}
	r, err := Resolve(f, Overrides{}, nil)
	if err != nil || r.ServerTimeZone == nil || r.ServerTimeZone.String() != "America/Sao_Paulo" {
		t.Fatalf("resolve: %v %v", err, r.ServerTimeZone)
	}
	f.Profiles[0].ServerTimeZone = ""
	if r, err := Resolve(f, Overrides{}, nil); err != nil || r.ServerTimeZone != nil {
		t.Fatalf("unset means unknown: %v %v", err, r.ServerTimeZone)
	}
	for _, bad := range []string{"Mars/Olympus", "../../etc/passwd", strings.Repeat("A", 100)} {
		f.Profiles[0].ServerTimeZone = bad
		if _, err := Resolve(f, Overrides{}, nil); err == nil || !strings.Contains(err.Error(), "server_time_zone") {
			t.Fatalf("%q: %v", bad, err)
		}
		if err := f.Profiles[0].validate(); err == nil {
			t.Fatalf("validate accepted %q", bad)
		}
	}
}
