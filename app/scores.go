package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	q "github.com/ssrm/ssrm/questionnaire"
)

// QuizScore is one player's result in one round of the training quiz.
type QuizScore struct {
	Player string    `json:"player"`
	Right  int       `json:"right"`
	Of     int       `json:"of"`
	When   time.Time `json:"when"`
}

// MaxQuizScores is how many results the scores file keeps (the newest).
const MaxQuizScores = 200

const quizScoresFile = "quiz-scores.json"

// LoadQuizScores reads the quiz results kept in dir, oldest first. A
// missing list is empty; a damaged one is an error naming the file, so a
// save never writes over results it could not read.
func LoadQuizScores(dir string) ([]QuizScore, error) {
	if dir == "" {
		return nil, nil
	}
	path := filepath.Join(dir, quizScoresFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("quiz scores: %w", err)
	}
	var ss []QuizScore
	if err := json.Unmarshal(data, &ss); err != nil {
		return nil, fmt.Errorf("quiz scores %s: %w: move the file away to start a new list", path, err)
	}
	return ss, nil
}

// AddQuizScores appends a round's results to the list in dir ("" keeps
// none), keeping the newest MaxQuizScores, written atomically and readable
// by the user only.
func AddQuizScores(dir string, round []QuizScore) error {
	if dir == "" || len(round) == 0 {
		return nil
	}
	ss, err := LoadQuizScores(dir)
	if err != nil {
		return err
	}
	ss = append(ss, round...)
	if len(ss) > MaxQuizScores {
		ss = ss[len(ss)-MaxQuizScores:]
	}
	if err := os.MkdirAll(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("quiz scores: %w", err)
	}
	data, _ := json.MarshalIndent(ss, "", "  ")
	return q.WriteFileAtomic(filepath.Join(dir, quizScoresFile), append(data, '\n'))
}

// BestQuizScores is the n best results of the list: the highest share
// right first, then the longer round, then the earlier.
func BestQuizScores(ss []QuizScore, n int) []QuizScore {
	out := append([]QuizScore(nil), ss...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		// a.Right/a.Of > b.Right/b.Of without division
		if x, y := a.Right*max(b.Of, 1), b.Right*max(a.Of, 1); x != y {
			return x > y
		}
		if a.Of != b.Of {
			return a.Of > b.Of
		}
		return a.When.Before(b.When)
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}
