package ali1688

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"caigou/xport"
)

const apiCategoryGet = "alibaba.category.get"

// Category returns a category and its direct children with
// alibaba.category.get (ref §4.5): categoryID, 0 the root, and no
// access_token. Its parameter is documented by name, unlike
// category.translation.getById's wrapper, so it is the one used; the
// price is that names are Chinese only (ChineseName; TranslatedName
// stays empty).
func (c *Client) Category(ctx context.Context, id string) (*xport.Category, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		id = "0"
	}
	if strings.Trim(id, "0123456789") != "" {
		return nil, errors.New("a category id is a number")
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsProduct, apiCategoryGet, map[string]string{"categoryID": id}, callOpts{whole: true}, &raw); err != nil {
		return nil, err
	}
	cat, err := decodeCategory(raw, id)
	if err != nil {
		return nil, readErr(nsProduct+":"+apiCategoryGet, raw, err)
	}
	return cat, nil
}

// categoryInfo is one categoryInfo item (ref §4.5 [DOC]).
type categoryInfo struct {
	CategoryID xport.ID        `json:"categoryID"`
	Name       xport.Text      `json:"name"`
	Level      xport.Int       `json:"level"`
	IsLeaf     xport.Bool      `json:"isLeaf"`
	ParentIDs  json.RawMessage `json:"parentIDs"`
	Children   []struct {
		ID     xport.ID   `json:"id"`
		Name   xport.Text `json:"name"`
		IsLeaf xport.Bool `json:"isLeaf"`
	} `json:"childCategorys"` // sic
}

// decodeCategory reads {succes (sic), categoryInfo[…]}: the item whose
// categoryID is the one asked (else the first). parentIDs is a list of
// ids or one id [INF]; the first is the parent. Children are one level
// down.
func decodeCategory(raw []byte, id string) (*xport.Category, error) {
	var env struct {
		Infos []json.RawMessage `json:"categoryInfo"`
	}
	if !isObject(raw) || json.Unmarshal(raw, &env) != nil {
		return nil, errors.New("the category answer is not an object with a categoryInfo list")
	}
	var pick *categoryInfo
	for _, r := range env.Infos {
		var ci categoryInfo
		if json.Unmarshal(r, &ci) != nil {
			continue
		}
		if pick == nil || string(ci.CategoryID) == id {
			pick = &ci
			if string(ci.CategoryID) == id {
				break
			}
		}
	}
	if pick == nil {
		return nil, errors.New("the answer has no readable category")
	}
	out := &xport.Category{
		CategoryID: pick.CategoryID, ChineseName: pick.Name, Leaf: pick.IsLeaf, Level: pick.Level,
	}
	if out.CategoryID == "" {
		out.CategoryID = xport.ID(id)
	}
	var parents xport.Strings
	if !isNull(pick.ParentIDs) && json.Unmarshal(pick.ParentIDs, &parents) == nil && len(parents) > 0 {
		out.ParentCateID = xport.ID(parents[0])
	}
	for _, ch := range pick.Children {
		if ch.ID == "" {
			continue
		}
		out.Children = append(out.Children, xport.Category{CategoryID: ch.ID, ChineseName: ch.Name, Leaf: ch.IsLeaf, Level: pick.Level + 1, ParentCateID: out.CategoryID})
	}
	return out, nil
}
