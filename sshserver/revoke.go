package sshserver

// revokedMessage is the goodbye of a session whose access was withdrawn.
const revokedMessage = "pamconsole: access for your key was revoked; the session is closed."

// revokeSessions ends every live session that the authorized_keys now in
// force no longer allows. A session keeps the role it started with, so
// without this a removed or demoted key would keep its rights until it
// logged out. Each is logged with its key fingerprint (ls.log carries it).
func (s *Server) revokeSessions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ls := range s.sessions {
		s.revokeIfWithdrawn(ls)
	}
}

// revokeIfWithdrawn ends ls if its access was withdrawn; it reports whether it did.
func (s *Server) revokeIfWithdrawn(ls *liveSession) bool {
	why := s.withdrawn(ls)
	if why == "" {
		return false
	}
	ls.log.Warn("ssh session access revoked", "ref", ls.id, "role", ls.entry.Role.String(), "why", why)
	ls.end(endRevoked)
	return true
}

// withdrawn says why the current keys no longer allow the session, or "".
// A viewer promoted to admin keeps running as a viewer: it lost nothing.
func (s *Server) withdrawn(ls *liveSession) string {
	e, ok := s.lookup(ls.sess.PublicKey())
	switch {
	case !ok:
		return "key no longer in authorized_keys"
	case e.NoPTY:
		return "key now restricted to no-pty"
	case ls.entry.Role == RoleAdmin && e.Role != RoleAdmin:
		return "role changed from admin to " + e.Role.String()
	}
	if err := e.allows(remoteIP(ls.sess.RemoteAddr()), s.now()); err != nil {
		return err.Error()
	}
	return ""
}
