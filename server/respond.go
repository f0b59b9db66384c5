package server

import (
	"encoding/json"
	"net/http"

	"github.com/pamconsole/pamconsole/client"
)

// writeJSON encodes v with status. Encoding errors after the header is sent
// can only be logged by the caller's access log (status already written).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// envelope builds the seed's "response" object for status and message.
func envelope(status int, message string, errCode int) client.Envelope {
	failed := status >= 400
	return client.Envelope{
		Status: status, Message: message, Error: failed, ErrorCode: errCode,
		Mensagem: message, Erro: failed, CodErro: errCode,
	}
}

// pamReply is the common head of every PAM Core answer.
func pamReply(status int, message string) client.PAMReply {
	return client.PAMReply{Code: status, Response: envelope(status, message, 0)}
}
