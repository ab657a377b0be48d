package ali1688

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"caigou/xport"
)

const (
	apiImageUpload = "product.image.upload"
	apiImageQuery  = "product.search.imageQuery"
	// maxImagePageSize: imageQuery's pageSize is at most 50 (ref §4.2).
	maxImagePageSize = 50
	// maxImageBytes [INF]: no size limit was found; 3 MiB of image is
	// 4 MiB of base64, well inside one form and far above a product photo.
	maxImageBytes = 3 << 20
)

// imageQueryParam is imageQuery's offerQueryParam (ref §4.2): the keyword
// search's fields plus imageId / imageAddress.
type imageQueryParam struct {
	ImageID      string `json:"imageId,omitempty"`
	ImageAddress string `json:"imageAddress,omitempty"`
	offerQueryParam
}

// SearchImage runs an image search (ref §4.2). Image bytes are uploaded
// first (product.image.upload {uploadImageParam{imageBase64}} → imageId),
// then searched with imageQuery. An image URL is sent as imageAddress
// without an upload only when it is 1688's own picture (alicdn.com): the
// reference says only those work ("other cases are not guaranteed to
// return data", official imageQuery doc), and an empty page would read
// as "nothing like it on 1688". Any other address is refused in words:
// the desk does not fetch pictures from the internet on the agent's
// behalf (a shared box, a link from a client). The answer is the keyword search's
// page (its success is a string here, which the envelope reader accepts).
// The upload is a read for retry purposes: a second upload of the same
// picture only makes another id.
func (c *Client) SearchImage(ctx context.Context, img xport.ImageSource, q xport.SearchQuery) (*xport.OfferPage, error) {
	var p imageQueryParam
	switch {
	case len(img.Data) > 0 && img.URL == "":
		if len(img.Data) > maxImageBytes {
			return nil, errors.New("the image is larger than 3 MB; use a smaller picture")
		}
		id, err := c.uploadImage(ctx, img.Data)
		if err != nil {
			return nil, err
		}
		p.ImageID = id
	case strings.TrimSpace(img.URL) != "" && len(img.Data) == 0:
		addr := strings.TrimSpace(img.URL)
		if !alicdnImage(addr) {
			return nil, errors.New("1688 searches by address only its own pictures (https://…alicdn.com/…); save this picture and search with the file instead")
		}
		p.ImageAddress = addr
	default:
		return nil, errors.New("image search needs either an image file or an image URL")
	}
	p.offerQueryParam = c.offerQuery(q)
	p.Keyword = ""
	p.PageSize = min(p.PageSize, maxImagePageSize)
	js, err := jsonParam(p)
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsCrossborder, apiImageQuery, map[string]string{"offerQueryParam": js}, callOpts{needToken: true}, &raw); err != nil {
		return nil, err
	}
	page, err := decodeOfferPage(raw)
	if err != nil {
		return nil, readErr(nsCrossborder+":"+apiImageQuery, raw, err)
	}
	return page, nil
}

// offerQuery builds the search fields keyword and image search share.
func (c *Client) offerQuery(q xport.SearchQuery) offerQueryParam {
	p := offerQueryParam{
		Keyword: q.Keyword, BeginPage: max(q.Page, 1), PageSize: q.PageSize,
		Country: c.cfg.Country, Filter: strings.Join(q.Filters, ","), CategoryID: q.CategoryID,
	}
	if p.PageSize < 1 {
		p.PageSize = defaultPageSize
	}
	if q.Sort.Field != "" {
		dir := "asc"
		if q.Sort.Desc {
			dir = "desc"
		}
		p.Sort, _ = jsonParam(map[string]string{q.Sort.Field: dir})
	}
	if q.PriceMin > 0 {
		p.PriceStart = q.PriceMin.Yuan()
	}
	if q.PriceMax > 0 {
		p.PriceEnd = q.PriceMax.Yuan()
	}
	return p
}

// uploadImage sends the picture and returns its imageId.
func (c *Client) uploadImage(ctx context.Context, data []byte) (string, error) {
	js, err := jsonParam(map[string]string{"imageBase64": base64.StdEncoding.EncodeToString(data)})
	if err != nil {
		return "", err
	}
	var raw json.RawMessage
	if _, err := c.call(ctx, nsCrossborder, apiImageUpload, map[string]string{"uploadImageParam": js}, callOpts{needToken: true}, &raw); err != nil {
		return "", err
	}
	var id xport.Text
	if json.Unmarshal(raw, &id) != nil || strings.TrimSpace(string(id)) == "" {
		return "", readErr(nsCrossborder+":"+apiImageUpload, raw, errors.New("no imageId in the answer"))
	}
	return strings.TrimSpace(string(id)), nil
}

// alicdnImage is an https address of 1688's image host.
func alicdnImage(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" {
		return false
	}
	h := strings.ToLower(u.Hostname())
	return h == "alicdn.com" || strings.HasSuffix(h, ".alicdn.com")
}
