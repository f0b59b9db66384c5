// Package sshserver serves the pamconsole console to a team over SSH: one
// Bubble Tea program per session, each with its own renderer (the colour
// profile of the client's terminal), its own model built by
// Config.NewModel, and the size of its PTY. It is built on
// charmbracelet/ssh and wish, with the session handling written here (the
// wish bubbletea and ratelimiter packages need modules this repository does
// not pin, and the former queries the terminal's background with a one
// second timeout before the first frame).
//
// # Keys and roles
//
// Only public-key authentication exists; password and keyboard-interactive
// are never offered. A key must be listed in the authorized_keys file
// (standard OpenSSH format: blank lines and # comments skipped, options
// before the key type). The role of a key comes from a valid OpenSSH
// option, so the file stays usable by other tools:
//
//	environment="PAMCONSOLE_ROLE=admin" ssh-ed25519 AAAA… alice@laptop
//	environment="PAMCONSOLE_ROLE=viewer" ssh-ed25519 AAAA… bob@desk
//	ssh-ed25519 AAAA… carol@desk                   # no role given: viewer
//
// A key without the option is a viewer (read-only): granting writes must
// be explicit. The comment is never read for the role. A malformed line,
// an unknown role or a key listed twice stops the server with an error
// naming the line. Of the other options, from="pattern-list" (matched
// against the client IP: CIDR blocks or * ? globs, ! to negate; host names
// never match), expiry-time="YYYYMMDD[HHMM[SS]][Z]" and no-pty/restrict
// (no terminal, hence no console; "pty" re-enables) are honoured; the rest
// (command=, no-port-forwarding, …) are accepted and ignored, since the
// server runs no commands and forwards nothing.
//
// The role and fingerprint of a session come from the key the handshake
// verified (ssh.Session.PublicKey), looked up again in the current file —
// never from state left by the authentication callback, which is also
// consulted for keys the client merely offers. A file writable by group or
// others, or owned by another user than the server's or root, is refused,
// and so is one under a folder like that (OpenSSH StrictModes; a sticky
// world-writable folder such as /tmp is fine). Server.ReloadAuthorizedKeys
// re-reads the file (wire it to SIGHUP); live sessions whose key it no
// longer allows, or demotes from admin, are told and ended (revoke.go).
//
// # Order of protections
//
// On a new TCP connection: the per-IP token bucket (Config.RateLimit,
// RateBurst), before any handshake work; a login grace timer
// (Config.LoginGrace) closes a connection that opens no session in time.
// During the handshake: the key check above; unknown keys are rejected
// before any session or screen exists. Then, per session, outermost
// first: logging (with key fingerprint and role, never secrets) → panic
// recovery → identity → terminal required (no PTY → "pamconsole needs an
// interactive terminal: ssh -t -p PORT HOST", exit 1) → lifetime tracking
// (for Shutdown) → the program. See sessionHandler.
//
// # What a client controls
//
// Every session channel goes through sessionChannel, which bounds what the
// client sends before the ssh package or the program sees it (limits in
// bounds.go): PTY and window-change sizes are clamped to
// MaxWindowWidth×MaxWindowHeight (the first clamp of a session is logged),
// the terminal type and env requests are checked, a connection holds at
// most MaxSessionsPerConn sessions, and a bracketed paste is cut at
// MaxPasteBytes. Window changes never reach the ssh package's request
// loop: the latest size is kept, and a goroutine of the session hands it to
// the program, so a storm of them cannot block the connection.
//
// # Timeouts and isolation
//
// IdleTimeout counts time without a keystroke or resize (output the
// console writes by itself, e.g. countdowns, does not keep a session
// alive); MaxSessionTime bounds any session. Both run on their own goroutine and
// end the session with a message, even when its program is stuck (after
// a grace of two seconds the channel is closed under it); the connection
// deadlines of wish (WithIdleTimeout, WithMaxTimeout) are set a minute
// longer as a backstop. A panic in a
// session's model — in Init, Update, View or in any command it returns,
// which run on their own goroutines — ends that session only, with a short
// message carrying a reference to the log line. Shutdown stops accepting,
// tells every session the server is going away, waits for them, then
// closes what is left.
//
// # Host key
//
// An ed25519 host key is generated on first start and stored with mode
// 0600 (its directory created 0700); restarts reuse it. A key file
// accessible to group or others is refused with a chmod hint.
//
// # Audit attribution
//
// SessionInfo.KeyFingerprint (SHA256:…) identifies the person acting; the
// caller sends it to the API as client.ActorKeyHeader so the audit log
// names the key.
package sshserver
