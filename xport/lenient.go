package xport

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// decodeLenient decodes the JSON object b into the struct dst points to,
// one field at a time, as encoding/json names them (the json tag, or the
// field name, matched without regard to case, the last key winning). A field
// that cannot be decoded is left at its zero value and its JSON path
// ("priceInfo.price", "productSkuInfos[2].price") is returned, so one odd
// value costs that value, not the object around it. Nested structs and the
// elements of slices are read the same way; a type with its own decoder is
// one value.
//
// It is the slow path: callers try json.Unmarshal first and come here only
// when it fails. The error is for b not being an object (null is an empty
// one).
func decodeLenient(b []byte, dst any) ([]string, error) {
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, errors.New("decodeLenient needs a pointer to a struct")
	}
	var bad []string
	if err := lenientObject(b, v.Elem(), "", &bad); err != nil {
		return nil, err
	}
	return bad, nil
}

// lenientObject reads the object b into the struct v field by field.
func lenientObject(b []byte, v reflect.Value, path string, bad *[]string) error {
	members, err := objectMembers(b)
	if err != nil {
		return err
	}
	lenientFields(members, v, path, bad)
	return nil
}

// member is one key and value of a JSON object, in the order sent.
type member struct {
	key string
	raw json.RawMessage
}

// objectMembers splits a JSON object into its members in order; null is
// an object with none.
func objectMembers(b []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok == nil {
		return nil, nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("got %s where an object belongs", Excerpt(b, 20))
	}
	var out []member
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		out = append(out, member{key, raw})
	}
	return out, nil
}

func lenientFields(members []member, v reflect.Value, path string, bad *[]string) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag, hasTag := sf.Tag.Lookup("json")
		name, _, _ := strings.Cut(tag, ",")
		if sf.Anonymous && name == "" && sf.Type.Kind() == reflect.Struct && sf.IsExported() {
			// encoding/json reads an untagged embedded struct's fields as
			// the outer object's own.
			lenientFields(members, v.Field(i), path, bad)
			continue
		}
		if !sf.IsExported() || (hasTag && tag == "-") {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		raw, ok := lastMember(members, name)
		if !ok {
			continue
		}
		lenientValue(raw, v.Field(i), joinPath(path, name), bad)
	}
}

// lastMember is a field's value as encoding/json ends up with it: keys
// match without regard to case, and the last one sent wins.
func lastMember(members []member, name string) (json.RawMessage, bool) {
	for i := len(members) - 1; i >= 0; i-- {
		if strings.EqualFold(members[i].key, name) {
			return members[i].raw, true
		}
	}
	return nil, false
}

// lenientValue decodes raw into v. Whole first: most values are fine, and
// a fresh value keeps a half-decoded one from being left behind. Then, for
// a plain struct given an object or a slice given an array, part by part.
func lenientValue(raw json.RawMessage, v reflect.Value, path string, bad *[]string) {
	fresh := reflect.New(v.Type())
	if json.Unmarshal(raw, fresh.Interface()) == nil {
		v.Set(fresh.Elem())
		return
	}
	v.Set(reflect.Zero(v.Type()))
	switch {
	case plainStruct(v.Type()):
		if lenientObject(raw, v, path, bad) == nil {
			return
		}
	case v.Kind() == reflect.Slice && !ownDecoder(v.Type()):
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) == nil {
			s := reflect.MakeSlice(v.Type(), len(elems), len(elems))
			for i, e := range elems {
				lenientValue(e, s.Index(i), path+"["+strconv.Itoa(i)+"]", bad)
			}
			v.Set(s)
			return
		}
	}
	*bad = append(*bad, path)
}

// ownDecoder reports a type that decodes itself: it is one value here.
func ownDecoder(t reflect.Type) bool {
	j, x := reflect.TypeFor[json.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()
	p := reflect.PointerTo(t)
	return t.Implements(j) || p.Implements(j) || t.Implements(x) || p.Implements(x)
}

func plainStruct(t reflect.Type) bool { return t.Kind() == reflect.Struct && !ownDecoder(t) }

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// unreadableAt reports whether path, or an object or list it is part of,
// is among the unreadable paths.
func unreadableAt(unreadable []string, path string) bool {
	return slices.ContainsFunc(unreadable, func(u string) bool {
		return u == path || (strings.HasPrefix(path, u) && (path[len(u)] == '.' || path[len(u)] == '['))
	})
}
