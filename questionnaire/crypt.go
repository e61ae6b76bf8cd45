package questionnaire

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// Protection at rest: saved assessments (and any other file, such as an
// Azure snapshot) can be encrypted with a passphrase. The format is age's
// (age-encryption.org/v1) with an scrypt recipient, so a file can also be
// opened with the age command-line tool if ssrm is not at hand.

// ErrWrongPassphrase is returned when a passphrase does not open a file.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// ErrEncrypted is returned by loaders given an encrypted file and no way
// to ask for its passphrase.
var ErrEncrypted = errors.New("encrypted")

// ScryptWorkFactor is log2 of the scrypt work factor Seal uses; 0 keeps
// age's default (2^18, about a second on a laptop: the cost an attacker
// pays per guess). Tests lower it; real use must not.
var ScryptWorkFactor = 0

// maxOpenWorkFactor bounds the work factor Open accepts; 0 keeps age's
// default. Tests lower it so a fuzzer cannot make one input take minutes.
var maxOpenWorkFactor = 0

var (
	ageMagic   = []byte("age-encryption.org/v1\n")
	armorMagic = []byte("-----BEGIN AGE ENCRYPTED FILE-----")
)

// IsEncrypted reports whether data is an age-encrypted file, binary or
// armored.
func IsEncrypted(data []byte) bool {
	if bytes.HasPrefix(data, ageMagic) {
		return true
	}
	return bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), armorMagic)
}

// Seal encrypts data with a passphrase (age, scrypt recipient). Each call
// draws a fresh salt and file key, so sealing the same data twice gives
// different bytes. An empty passphrase is refused.
func Seal(data []byte, passphrase string) ([]byte, error) {
	if passphrase == "" {
		return nil, errors.New("encrypt: the passphrase is empty")
	}
	r, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, fmt.Errorf("encrypt: %w", err)
	}
	if ScryptWorkFactor > 0 {
		r.SetWorkFactor(ScryptWorkFactor)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, r)
	if err != nil {
		return nil, fmt.Errorf("encrypt: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("encrypt: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("encrypt: %w", err)
	}
	return buf.Bytes(), nil
}

// Open decrypts what Seal wrote (or what `age -p` wrote, armored or not).
// A passphrase that does not fit gives an error wrapping
// ErrWrongPassphrase; a damaged file gives another error.
func Open(data []byte, passphrase string) ([]byte, error) {
	if !IsEncrypted(data) {
		return nil, errors.New("decrypt: not an encrypted file")
	}
	if passphrase == "" {
		return nil, fmt.Errorf("decrypt: %w (it is empty)", ErrWrongPassphrase)
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	if maxOpenWorkFactor > 0 {
		id.SetMaxWorkFactor(maxOpenWorkFactor)
	}
	var src io.Reader = bytes.NewReader(data)
	if !bytes.HasPrefix(data, ageMagic) {
		src = armor.NewReader(bytes.NewReader(bytes.TrimLeft(data, " \t\r\n")))
	}
	r, err := age.Decrypt(src, id)
	if err != nil {
		if wrongPassphrase(err) {
			return nil, fmt.Errorf("decrypt: %w", ErrWrongPassphrase)
		}
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decrypt: the file is damaged: %w", err)
	}
	return out, nil
}

// wrongPassphrase tells a passphrase that does not fit from a file that is
// not passphrase-encrypted or is damaged.
func wrongPassphrase(err error) bool {
	var nm *age.NoIdentityMatchError
	if !errors.As(err, &nm) {
		return false
	}
	for _, t := range nm.StanzaTypes {
		if t == "scrypt" {
			return true
		}
	}
	return false
}
