package questionnaire

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"filippo.io/age"
	"filippo.io/age/armor"
	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/scrypt"
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
// different bytes, and pays for one scrypt derivation. An empty passphrase
// is refused.
func Seal(data []byte, passphrase string) ([]byte, error) {
	if passphrase == "" {
		return nil, errors.New("encrypt: the passphrase is empty")
	}
	return newKeyring(passphrase).seal(data)
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
	return newKeyring(passphrase).open(data)
}

// A keyring is one passphrase and the scrypt keys it has derived in this
// session, by salt. Deriving a key is the expensive part of age's
// passphrase encryption (about a second at the default work factor, on
// purpose: it is what an attacker pays per guess); wrapping a fresh file
// key with a derived key costs microseconds. So an assessment keeps its
// keyring from open to close and pays scrypt once per session, not once
// per autosave:
//
//   - the key that opened a file is kept, and saves reuse its salt (when
//     its work factor is at least the one new files get), or
//   - the first save of a new file derives one key with a fresh salt, and
//     later saves reuse it.
//
// Every file written is still a standard age file with one scrypt stanza
// (salt and work factor in the header, a fresh random file key and payload
// nonce per file), so `age -d` and age.Decrypt with age.NewScryptIdentity
// open it. Reusing a salt across versions of one file gives an attacker
// nothing: they are sealed with the same passphrase, so cracking any of
// them cracks all of them anyway, and each guess still costs one scrypt.
type keyring struct {
	pass string

	mu    sync.Mutex
	keys  []*sealKey // every key derived so far, newest first
	write *sealKey   // the key saves wrap file keys with, once chosen
}

// sealKey is one scrypt derivation: the wrapping key for a salt and work
// factor.
type sealKey struct {
	salt []byte // scryptSaltSize bytes
	logN int
	key  []byte // chacha20poly1305.KeySize bytes
}

const (
	scryptLabel      = "age-encryption.org/v1/scrypt"
	scryptSaltSize   = 16
	fileKeySize      = 16
	defaultWorkLog   = 18 // age's default for new files
	defaultMaxOpenWF = 22 // age's default cap when opening
)

func newKeyring(pass string) *keyring { return &keyring{pass: pass} }

// workFactor is log2 of the scrypt work factor new files get.
func workFactor() int {
	if ScryptWorkFactor > 0 {
		return ScryptWorkFactor
	}
	return defaultWorkLog
}

// derivations counts scrypt runs, for the tests that prove a session pays
// for one.
var derivations atomic.Int64

// derive runs scrypt for a salt and work factor.
func (r *keyring) derive(salt []byte, logN int) (*sealKey, error) {
	derivations.Add(1)
	k, err := scrypt.Key([]byte(r.pass), append([]byte(scryptLabel), salt...), 1<<logN, 8, 1, chacha20poly1305.KeySize)
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	return &sealKey{salt: append([]byte(nil), salt...), logN: logN, key: k}, nil
}

// lookup returns the key already derived for a salt and work factor.
func (r *keyring) lookup(salt []byte, logN int) *sealKey {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, k := range r.keys {
		if k.logN == logN && bytes.Equal(k.salt, salt) {
			return k
		}
	}
	return nil
}

func (r *keyring) remember(k *sealKey) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, x := range r.keys {
		if x.logN == k.logN && bytes.Equal(x.salt, k.salt) {
			return
		}
	}
	r.keys = append([]*sealKey{k}, r.keys...)
}

// writeKey is the key saves wrap with: one already derived whose work
// factor is strong enough, else a new one with a fresh salt.
func (r *keyring) writeKey() (*sealKey, error) {
	r.mu.Lock()
	if r.write != nil {
		k := r.write
		r.mu.Unlock()
		return k, nil
	}
	for _, k := range r.keys {
		if k.logN >= workFactor() {
			r.write = k
			r.mu.Unlock()
			return k, nil
		}
	}
	r.mu.Unlock()
	salt := make([]byte, scryptSaltSize)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	k, err := r.derive(salt, workFactor())
	if err != nil {
		return nil, err
	}
	r.remember(k)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.write == nil {
		r.write = k
	}
	return r.write, nil
}

// seal encrypts data as a standard age file whose one scrypt stanza wraps
// a fresh file key with the keyring's write key.
func (r *keyring) seal(data []byte) ([]byte, error) {
	k, err := r.writeKey()
	if err != nil {
		return nil, fmt.Errorf("encrypt: %w", err)
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, keyRecipient{k})
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

// open decrypts an age file (binary or armored) with the keyring's
// passphrase, deriving a key only for a salt it has not seen.
func (r *keyring) open(data []byte) ([]byte, error) {
	var src io.Reader = bytes.NewReader(data)
	if !bytes.HasPrefix(data, ageMagic) {
		src = armor.NewReader(bytes.NewReader(bytes.TrimLeft(data, " \t\r\n")))
	}
	out, err := age.Decrypt(src, ringIdentity{r})
	if err != nil {
		if wrongPassphrase(err) {
			return nil, fmt.Errorf("decrypt: %w", ErrWrongPassphrase)
		}
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	plain, err := io.ReadAll(out)
	if err != nil {
		return nil, fmt.Errorf("decrypt: the file is damaged: %w", err)
	}
	return plain, nil
}

// keyRecipient writes age's scrypt stanza (age-encryption.org/v1, "scrypt
// recipient stanza": salt, work factor, the file key sealed with
// ChaCha20-Poly1305 under the scrypt key and a zero nonce) from a key
// derived before.
type keyRecipient struct{ k *sealKey }

func (kr keyRecipient) Wrap(fileKey []byte) ([]*age.Stanza, error) {
	aead, err := chacha20poly1305.New(kr.k.key)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, chacha20poly1305.NonceSize)
	return []*age.Stanza{{
		Type: "scrypt",
		Args: []string{base64.RawStdEncoding.EncodeToString(kr.k.salt), strconv.Itoa(kr.k.logN)},
		Body: aead.Seal(nil, nonce, fileKey, nil),
	}}, nil
}

// WrapWithLabels gives the stanza a random label, as age's own scrypt
// recipient does, so age refuses to mix it with any other recipient.
func (kr keyRecipient) WrapWithLabels(fileKey []byte) ([]*age.Stanza, []string, error) {
	s, err := kr.Wrap(fileKey)
	if err != nil {
		return nil, nil, err
	}
	label := make([]byte, 16)
	if _, err := rand.Read(label); err != nil {
		return nil, nil, err
	}
	return s, []string{hex.EncodeToString(label)}, nil
}

// ringIdentity unwraps a scrypt stanza with the keyring, checking what
// age's ScryptIdentity checks: the stanza is alone, its salt and work
// factor are well formed, the work factor is within the cap.
type ringIdentity struct{ r *keyring }

var digits = regexp.MustCompile(`^[1-9][0-9]*$`)

func (id ringIdentity) Unwrap(stanzas []*age.Stanza) ([]byte, error) {
	for _, s := range stanzas {
		if s.Type == "scrypt" && len(stanzas) != 1 {
			return nil, errors.New("an scrypt recipient must be the only one")
		}
	}
	for _, s := range stanzas {
		if s.Type == "scrypt" {
			return id.unwrap(s)
		}
	}
	return nil, fmt.Errorf("%w: file is not passphrase-encrypted", age.ErrIncorrectIdentity)
}

func (id ringIdentity) unwrap(s *age.Stanza) ([]byte, error) {
	if len(s.Args) != 2 {
		return nil, errors.New("invalid scrypt recipient block")
	}
	if strings.ContainsAny(s.Args[0], "\r\n") {
		return nil, errors.New("invalid scrypt recipient block")
	}
	salt, err := base64.RawStdEncoding.Strict().DecodeString(s.Args[0])
	if err != nil || len(salt) != scryptSaltSize {
		return nil, errors.New("invalid scrypt recipient block")
	}
	if !digits.MatchString(s.Args[1]) {
		return nil, fmt.Errorf("scrypt work factor encoding invalid: %q", s.Args[1])
	}
	logN, err := strconv.Atoi(s.Args[1])
	if err != nil {
		return nil, fmt.Errorf("failed to parse scrypt work factor: %v", err)
	}
	limit := defaultMaxOpenWF
	if maxOpenWorkFactor > 0 {
		limit = maxOpenWorkFactor
	}
	if logN > limit {
		return nil, fmt.Errorf("scrypt work factor too large: %v", logN)
	}
	k := id.r.lookup(salt, logN)
	fresh := k == nil
	if fresh {
		if k, err = id.r.derive(salt, logN); err != nil {
			return nil, err
		}
	}
	aead, err := chacha20poly1305.New(k.key)
	if err != nil {
		return nil, err
	}
	if len(s.Body) != fileKeySize+aead.Overhead() {
		return nil, errors.New("invalid scrypt recipient block: incorrect file key size")
	}
	fileKey, err := aead.Open(nil, make([]byte, chacha20poly1305.NonceSize), s.Body, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: incorrect passphrase", age.ErrIncorrectIdentity)
	}
	if fresh {
		id.r.remember(k) // only a key that opened something is worth keeping
	}
	return fileKey, nil
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
