package store

import (
	"bytes"
	"errors"
	"github.com/pamconsole/pamconsole/client/pamcode"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

const testPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test@example"

func keyErrCode(t *testing.T, err error) pamcode.Code {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want a store error with a code, got %v", err)
	}
	return e.Code
}

func keyInput(ident string) SSHKeyInput {
	pub, priv, pass := testPublicKey, "-----BEGIN OPENSSH PRIVATE KEY-----\nKEY-"+ident+"\n-----END OPENSSH PRIVATE KEY-----", "Pass-"+ident
	return SSHKeyInput{Identifier: ident, Username: "deploy", Hostname: "key-host", IP: "10.8.0.1", PublicKey: &pub,
		PrivateKey: &priv, Passphrase: &pass, KeyName: "deploy key", AllowUpdate: true}
}

func TestSSHKeyCreateRequiresVendorFields(t *testing.T) {
	st, _ := openTemp(t)
	for _, c := range []struct {
		drop func(*SSHKeyInput)
		code pamcode.Code
	}{
		{func(in *SSHKeyInput) { in.Hostname = "" }, pamcode.HostnameMissing},
		{func(in *SSHKeyInput) { in.IP = "" }, pamcode.IPMissing},
		{func(in *SSHKeyInput) { in.PublicKey = nil }, pamcode.PublicKeyMissing},
		{func(in *SSHKeyInput) { in.PrivateKey = nil }, pamcode.PrivateKeyMissing},
	} {
		in := keyInput("k-missing")
		c.drop(&in)
		if _, err := st.UpsertSSHKey(ctxBG, tester, in); keyErrCode(t, err) != c.code {
			t.Fatalf("want %d, got %v", c.code, err)
		}
	}
}

// The private key and passphrase are sealed at rest, returned only by a
// reveal, and every reveal is audited.
func TestSSHKeySecretsSealedAndRevealAudited(t *testing.T) {
	st, path := openTemp(t)
	res, err := st.UpsertSSHKey(ctxBG, tester, keyInput("k-1"))
	if err != nil || !res.Created || !res.Changed || len(res.Devices) != 1 || res.Devices[0].Hostname != "key-host" {
		t.Fatalf("create: %v %+v", err, res)
	}
	k, err := st.GetSSHKey(ctxBG, tester, "k-1", false)
	if err != nil || k.PrivateKey != "" || k.Passphrase != "" || !k.HasPassphrase || k.PublicKey != testPublicKey ||
		!strings.HasPrefix(k.Fingerprint, "SHA256:") || k.CredentialType != SSHKeyType {
		t.Fatalf("get without reveal: %v %+v", err, k)
	}
	before := auditCount(t, st)
	k, err = st.GetSSHKey(ctxBG, tester, "k-1", true)
	if err != nil || !strings.Contains(k.PrivateKey, "KEY-k-1") || k.Passphrase != "Pass-k-1" {
		t.Fatalf("reveal: %v %+v", err, k)
	}
	if auditCount(t, st) != before+1 {
		t.Fatal("a reveal must write one audit row")
	}
	assertNotInFiles(t, path, "KEY-k-1", "Pass-k-1")
}

// assertNotInFiles fails when the database or its WAL holds any of secrets in clear.
func assertNotInFiles(t *testing.T, path string, secrets ...string) {
	t.Helper()
	for _, f := range []string{path, path + "-wal"} {
		raw, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(raw, []byte(s)) {
				t.Fatalf("%s holds %q in clear", f, s)
			}
		}
	}
}

func TestSSHKeyActivationCodesAndCredentialList(t *testing.T) {
	st, _ := openTemp(t)
	if _, err := st.UpsertSSHKey(ctxBG, tester, keyInput("k-2")); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSSHKeyActive(ctxBG, tester, "k-2", true); keyErrCode(t, err) != pamcode.KeyAlreadyActive {
		t.Fatalf("activate active: %v", err)
	}
	if err := st.SetSSHKeyActive(ctxBG, tester, "k-2", false); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetSSHKey(ctxBG, tester, "k-2", true); keyErrCode(t, err) != pamcode.KeyInactive {
		t.Fatalf("get inactive: %v", err)
	}
	if err := st.SetSSHKeyActive(ctxBG, tester, "k-2", false); keyErrCode(t, err) != pamcode.KeyInactive {
		t.Fatalf("deactivate inactive: %v", err)
	}
	if _, err := st.GetSSHKey(ctxBG, tester, "404404", false); keyErrCode(t, err) != pamcode.KeyNotFound {
		t.Fatalf("unknown: %v", err)
	}
	user := "u"
	if _, err := st.UpsertCredential(ctxBG, tester, CredentialInput{Identifier: "plain", Username: &user, Device: DeviceInput{Hostname: "h", IP: "1.1.1.1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.GetSSHKey(ctxBG, tester, "plain", false); keyErrCode(t, err) != pamcode.NotAKey {
		t.Fatalf("a password credential through key: %v", err)
	}
	if _, err := st.RevealCredential(ctxBG, tester, "k-2"); keyErrCode(t, err) != pamcode.NotACredential {
		t.Fatalf("a key through credential: %v", err)
	}
	list, _, err := st.ListCredentials(ctxBG, CredentialFilter{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range list {
		found = found || (c.Identifier == "k-2" && c.CredentialType == SSHKeyType)
	}
	if !found {
		t.Fatal("keys appear in the credential list as type SSH Key")
	}
}

func TestSSHKeyUpdateOnlyWhatIsSentAndChanged(t *testing.T) {
	st, _ := openTemp(t)
	if _, err := st.UpsertSSHKey(ctxBG, tester, keyInput("k-3")); err != nil {
		t.Fatal(err)
	}
	res, err := st.UpsertSSHKey(ctxBG, tester, keyInput("k-3"))
	if err != nil || res.Created || res.Changed {
		t.Fatalf("same values: %v %+v", err, res)
	}
	priv := "NEW-PRIVATE"
	res, err = st.UpsertSSHKey(ctxBG, tester, SSHKeyInput{Identifier: "k-3", PrivateKey: &priv, Devices: []string{"nowhere"}, AllowUpdate: true})
	if err != nil || res.Created || !res.Changed || len(res.DevicesError) != 1 {
		t.Fatalf("private key only: %v %+v", err, res)
	}
	k, err := st.GetSSHKey(ctxBG, tester, "k-3", true)
	if err != nil || k.PrivateKey != "NEW-PRIVATE" || k.PublicKey != testPublicKey || k.Username != "deploy" || k.Passphrase != "Pass-k-3" {
		t.Fatalf("after update: %v %+v", err, k)
	}
	if _, err := st.UpsertSSHKey(ctxBG, tester, SSHKeyInput{Identifier: "k-3", PrivateKey: &priv}); !errors.Is(err, ErrNeedsEdit) {
		t.Fatalf("an update without the edit scope: %v", err)
	}
}

// Demo data: every demo SSH Key credential is a key with a parsable public
// key, and protected items exist (one disabled).
func TestDemoHasKeysAndProtectedInformation(t *testing.T) {
	st, _ := openTemp(t)
	if err := st.SeedDemo(ctxBG, rand.New(rand.NewPCG(7, 7)), 200, 20); err != nil {
		t.Fatal(err)
	}
	list, _, err := st.ListCredentials(ctxBG, CredentialFilter{})
	if err != nil {
		t.Fatal(err)
	}
	keys := 0
	for _, c := range list {
		if c.CredentialType != SSHKeyType || !c.Active {
			continue
		}
		keys++
		k, err := st.GetSSHKey(ctxBG, tester, strconv.FormatInt(c.ID, 10), true)
		if err != nil || !strings.HasPrefix(k.Fingerprint, "SHA256:") || !strings.Contains(k.PrivateKey, "OPENSSH PRIVATE KEY") {
			t.Fatalf("demo key %d: %v %+v", c.ID, err, k.Fingerprint)
		}
	}
	if keys == 0 {
		t.Fatal("the demo has no SSH keys")
	}
	items, total, err := st.ListInfo(ctxBG, InfoFilter{})
	if err != nil || total < 5 || items[len(items)-1].Active {
		t.Fatalf("demo protected information: %v %d", err, total)
	}
}
