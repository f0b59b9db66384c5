package main
import (
 _ "github.com/charmbracelet/bubbletea"
 _ "github.com/charmbracelet/bubbles/table"
 _ "github.com/charmbracelet/lipgloss"
 _ "github.com/sahilm/fuzzy"
 _ "github.com/charmbracelet/wish"
 _ "modernc.org/sqlite"
 _ "github.com/golang-jwt/jwt/v5"
 _ "github.com/spf13/cobra"
 _ "gopkg.in/yaml.v3"
 _ "github.com/charmbracelet/x/exp/teatest"
 _ "golang.org/x/oauth2/clientcredentials"
 _ "golang.org/x/crypto/ssh"
)
func main(){}
