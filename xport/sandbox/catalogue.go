package sandbox

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"html"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"caigou/xport"
)

// The generator turns constant word tables into a marketplace that reads
// like 1688: Chinese titles stacked with style words and trade phrases, an
// English machine translation beside each, sellers in the real wholesale
// hubs, quantity tiers, lot sizes and mixed-batch rules. Everything random
// comes from one PCG source seeded by the caller, so a seed names a
// marketplace and a test or a bug report can name it too.

// maxOffers keeps offer ids inside their 12-digit band (1000000xxxxx).
const maxOffers = 100000

// pair is a Chinese word with its English rendering.
type pair struct{ zh, en string }

// Units; the index is what leafDef.unit holds.
const (
	unitJian   = iota // 件
	unitGe            // 个
	unitShuang        // 双
	unitTao           // 套
	unitHe            // 盒
	unitZhi           // 支
	unitTiao          // 条
	unitBen           // 本
	unitDui           // 对
)

var units = [...]pair{
	{"件", "piece"}, {"个", "piece"}, {"双", "pair"}, {"套", "set"}, {"盒", "box"},
	{"支", "piece"}, {"条", "piece"}, {"本", "book"}, {"对", "pair"},
}

// Axis kinds; the index is what leafDef.axes holds.
const (
	axColor = iota
	axSize
	axShoeW
	axShoeM
	axCapacity
	axPhone
	axSpec
	axStyle
	axShade
	axPack
	axLength
	axLuggage
)

type axisDef struct {
	id   string
	name pair
	vals []pair
	// ordered axes (sizes, capacities) offer a contiguous run of values, as
	// a seller stocks S-XL rather than S, L and 3XL.
	ordered bool
	// images: colour values carry a SKU picture.
	images bool
}

var axisDefs = [...]axisDef{
	axColor: {id: "3216", name: pair{"颜色", "Color"}, images: true, vals: []pair{
		{"白色", "White"}, {"黑色", "Black"}, {"米白色", "Off-white"}, {"杏色", "Apricot"}, {"粉色", "Pink"},
		{"浅蓝色", "Light Blue"}, {"藏青色", "Navy"}, {"灰色", "Grey"}, {"卡其色", "Khaki"},
		{"牛油果绿", "Avocado Green"}, {"香芋紫", "Taro Purple"}, {"酒红色", "Burgundy"}}},
	axSize: {id: "450", name: pair{"尺码", "Size"}, ordered: true, vals: []pair{
		{"S", "S"}, {"M", "M"}, {"L", "L"}, {"XL", "XL"}, {"2XL", "2XL"}, {"3XL", "3XL"}}},
	axShoeW: {id: "450", name: pair{"尺码", "Size"}, ordered: true, vals: []pair{
		{"35", "35"}, {"36", "36"}, {"37", "37"}, {"38", "38"}, {"39", "39"}, {"40", "40"}}},
	axShoeM: {id: "450", name: pair{"尺码", "Size"}, ordered: true, vals: []pair{
		{"39", "39"}, {"40", "40"}, {"41", "41"}, {"42", "42"}, {"43", "43"}, {"44", "44"}}},
	axCapacity: {id: "1627207", name: pair{"容量", "Capacity"}, ordered: true, vals: []pair{
		{"350ml", "350ml"}, {"500ml", "500ml"}, {"600ml", "600ml"}, {"750ml", "750ml"}, {"1000ml", "1000ml"}, {"1200ml", "1200ml"}}},
	axPhone: {id: "100018", name: pair{"型号", "Model"}, vals: []pair{
		{"iPhone 15", "iPhone 15"}, {"iPhone 15 Pro", "iPhone 15 Pro"}, {"iPhone 15 Pro Max", "iPhone 15 Pro Max"},
		{"iPhone 16", "iPhone 16"}, {"iPhone 16 Pro", "iPhone 16 Pro"}, {"iPhone 16 Pro Max", "iPhone 16 Pro Max"},
		{"华为Mate 60", "Huawei Mate 60"}, {"小米14", "Xiaomi 14"}, {"OPPO Reno12", "OPPO Reno12"}, {"vivo X100", "vivo X100"}}},
	axSpec: {id: "2176001", name: pair{"规格", "Specification"}, ordered: true, vals: []pair{
		{"小号", "Small"}, {"中号", "Medium"}, {"大号", "Large"}, {"特大号", "Extra Large"}}},
	axStyle: {id: "1398001", name: pair{"款式", "Style"}, images: true, vals: []pair{
		{"小熊款", "Bear"}, {"兔子款", "Rabbit"}, {"恐龙款", "Dinosaur"}, {"小猫款", "Kitten"}, {"独角兽款", "Unicorn"}, {"草莓款", "Strawberry"}}},
	axShade: {id: "1000281", name: pair{"色号", "Shade"}, images: true, vals: []pair{
		{"#01 正红色", "#01 True Red"}, {"#02 豆沙色", "#02 Rosewood"}, {"#03 奶茶色", "#03 Milk Tea"},
		{"#04 枫叶红", "#04 Maple Red"}, {"#05 烂番茄", "#05 Tomato Red"}, {"#06 珊瑚橘", "#06 Coral Orange"}}},
	axPack: {id: "1000307", name: pair{"数量", "Quantity"}, ordered: true, vals: []pair{
		{"单个装", "Single"}, {"2个装", "Pack of 2"}, {"5个装", "Pack of 5"}, {"10个装", "Pack of 10"}, {"20个装", "Pack of 20"}}},
	axLength: {id: "1000412", name: pair{"长度", "Length"}, ordered: true, vals: []pair{
		{"1米", "1m"}, {"1.5米", "1.5m"}, {"2米", "2m"}, {"3米", "3m"}}},
	axLuggage: {id: "450", name: pair{"尺寸", "Size"}, ordered: true, vals: []pair{
		{"20寸", "20 inch"}, {"22寸", "22 inch"}, {"24寸", "24 inch"}, {"26寸", "26 inch"}, {"28寸", "28 inch"}}},
}

type leafDef struct {
	name   pair
	nouns  []pair
	weight int    // share of the catalogue; hot leaves make searches rich
	price  [2]int // fen, the first-tier price range
	grams  [2]int
	unit   int
	axes   []int
	mats   []pair // nil: the root's
	mods   []pair // nil: the root's
}

type midDef struct {
	name   pair
	leaves []leafDef
}

type rootDef struct {
	name       pair
	mids       []midDef
	prefixes   []pair
	mods       []pair
	mats       []pair
	matName    pair // the attribute the material table fills
	tags       []pair
	styles     []pair // 风格 attribute; nil: none
	industries []pair
	hubs       []int
}

var material = pair{"材质", "Material"}

// Hubs; the index is what rootDef.hubs holds.
const (
	hubYiwu = iota
	hubYongkang
	hubHangzhou
	hubWenzhou
	hubNingbo
	hubGuangzhou
	hubShenzhen
	hubShantou
	hubDongguan
	hubJieyang
	hubChaozhou
	hubQuanzhou
	hubJinjiang
	hubLinyi
	hubSuzhou
	hubChangshu
	hubBaigou
)

type hubDef struct {
	city, cityEN     string
	prefix, prefixEN string // how company names begin
	province, provEN string
	prefecture       string
	provinceCode     string
}

var hubs = [...]hubDef{
	hubYiwu:      {"义乌", "Yiwu", "义乌市", "Yiwu", "浙江", "Zhejiang", "金华市", "330000"},
	hubYongkang:  {"永康", "Yongkang", "永康市", "Yongkang", "浙江", "Zhejiang", "金华市", "330000"},
	hubHangzhou:  {"杭州", "Hangzhou", "杭州", "Hangzhou", "浙江", "Zhejiang", "杭州市", "330000"},
	hubWenzhou:   {"温州", "Wenzhou", "温州", "Wenzhou", "浙江", "Zhejiang", "温州市", "330000"},
	hubNingbo:    {"宁波", "Ningbo", "宁波", "Ningbo", "浙江", "Zhejiang", "宁波市", "330000"},
	hubGuangzhou: {"广州", "Guangzhou", "广州市", "Guangzhou", "广东", "Guangdong", "广州市", "440000"},
	hubShenzhen:  {"深圳", "Shenzhen", "深圳市", "Shenzhen", "广东", "Guangdong", "深圳市", "440000"},
	hubShantou:   {"汕头", "Shantou", "汕头市澄海区", "Shantou Chenghai", "广东", "Guangdong", "汕头市", "440000"},
	hubDongguan:  {"东莞", "Dongguan", "东莞市", "Dongguan", "广东", "Guangdong", "东莞市", "440000"},
	hubJieyang:   {"揭阳", "Jieyang", "揭阳市", "Jieyang", "广东", "Guangdong", "揭阳市", "440000"},
	hubChaozhou:  {"潮州", "Chaozhou", "潮州市", "Chaozhou", "广东", "Guangdong", "潮州市", "440000"},
	hubQuanzhou:  {"泉州", "Quanzhou", "泉州", "Quanzhou", "福建", "Fujian", "泉州市", "350000"},
	hubJinjiang:  {"晋江", "Jinjiang", "晋江市", "Jinjiang", "福建", "Fujian", "泉州市", "350000"},
	hubLinyi:     {"临沂", "Linyi", "临沂", "Linyi", "山东", "Shandong", "临沂市", "370000"},
	hubSuzhou:    {"苏州", "Suzhou", "苏州", "Suzhou", "江苏", "Jiangsu", "苏州市", "320000"},
	hubChangshu:  {"常熟", "Changshu", "常熟市", "Changshu", "江苏", "Jiangsu", "苏州市", "320000"},
	hubBaigou:    {"白沟", "Baigou", "保定白沟新城", "Baoding Baigou", "河北", "Hebei", "保定市", "130000"},
}

var apparelPrefixes = []pair{
	{"2026夏季新款", "2026 Summer New"}, {"2026春秋新款", "2026 Spring Autumn New"}, {"秋冬新款", "Autumn Winter New"},
	{"2026新款", "2026 New"}, {"跨境欧美风", "Cross-border European Style"},
}

var plainPrefixes = []pair{{"新款", "New"}, {"2026新款", "2026 New"}, {"跨境", "Cross-border"}, {"爆款", "Hot Selling"}}

var rootDefs = [...]rootDef{
	{
		name: pair{"女装", "Women's Clothing"}, prefixes: apparelPrefixes, matName: material,
		mods: []pair{{"韩版", "Korean Style"}, {"法式", "French Style"}, {"宽松", "Loose"}, {"修身", "Slim Fit"}, {"显瘦", "Slimming"},
			{"高腰", "High Waist"}, {"复古", "Vintage"}, {"简约", "Minimalist"}, {"小众设计感", "Niche Design"}, {"气质", "Elegant"}},
		mats: []pair{{"纯棉", "Cotton"}, {"雪纺", "Chiffon"}, {"棉麻", "Cotton Linen"}, {"涤纶", "Polyester"}, {"莫代尔", "Modal"}, {"冰丝", "Ice Silk"}},
		tags: []pair{{"ins风百搭", "Ins Style Versatile"}, {"网红同款", "Influencer Style"}, {"百搭显瘦", "Versatile Slimming"},
			{"大码女装", "Plus Size"}, {"温柔风", "Gentle Style"}},
		styles:     []pair{{"韩版", "Korean"}, {"通勤", "Commute"}, {"休闲", "Casual"}, {"甜美", "Sweet"}, {"街头", "Street"}, {"复古", "Vintage"}},
		industries: []pair{{"服饰", "Apparel"}, {"服装", "Garment"}, {"制衣", "Clothing"}},
		hubs:       []int{hubHangzhou, hubGuangzhou, hubShenzhen, hubChangshu, hubSuzhou},
		mids: []midDef{
			{pair{"女士上衣", "Women's Tops"}, []leafDef{
				{name: pair{"T恤", "T-shirts"}, weight: 7, price: [2]int{900, 3500}, grams: [2]int{150, 280}, unit: unitJian, axes: []int{axColor, axSize},
					nouns: []pair{{"短袖T恤女", "Short Sleeve T-shirt Women"}, {"纯色T恤女", "Solid Color T-shirt Women"}, {"印花T恤", "Printed T-shirt"}, {"打底T恤女", "Basic T-shirt Women"}}},
				{name: pair{"衬衫", "Shirts"}, weight: 2, price: [2]int{2500, 7900}, grams: [2]int{180, 350}, unit: unitJian, axes: []int{axColor, axSize},
					nouns: []pair{{"衬衫女", "Shirt Women"}, {"长袖衬衫", "Long Sleeve Shirt"}, {"防晒衬衫", "Sun Protection Shirt"}}},
				{name: pair{"卫衣", "Hoodies"}, weight: 1, price: [2]int{3500, 9800}, grams: [2]int{350, 650}, unit: unitJian, axes: []int{axColor, axSize},
					nouns: []pair{{"连帽卫衣女", "Hoodie Women"}, {"圆领卫衣", "Crewneck Sweatshirt"}}},
			}},
			{pair{"裙装", "Skirtwear"}, []leafDef{
				{name: pair{"连衣裙", "Dresses"}, weight: 10, price: [2]int{2800, 12800}, grams: [2]int{200, 450}, unit: unitJian, axes: []int{axColor, axSize},
					nouns: []pair{{"连衣裙女", "Dress Women"}, {"碎花连衣裙", "Floral Dress"}, {"吊带连衣裙", "Slip Dress"}, {"衬衫连衣裙", "Shirt Dress"}, {"长款连衣裙", "Long Dress"}}},
				{name: pair{"半身裙", "Skirts"}, weight: 2, price: [2]int{1900, 6900}, grams: [2]int{150, 350}, unit: unitTiao, axes: []int{axColor, axSize},
					nouns: []pair{{"半身裙", "Skirt"}, {"百褶裙", "Pleated Skirt"}, {"A字裙", "A-line Skirt"}}},
			}},
			{pair{"裤装", "Women's Pants"}, []leafDef{
				{name: pair{"牛仔裤", "Jeans"}, weight: 2, price: [2]int{3500, 8900}, grams: [2]int{400, 700}, unit: unitTiao, axes: []int{axSize, axColor},
					mats:  []pair{{"牛仔布", "Denim"}, {"弹力牛仔", "Stretch Denim"}},
					nouns: []pair{{"牛仔裤女", "Jeans Women"}, {"直筒牛仔裤", "Straight Jeans"}, {"阔腿牛仔裤", "Wide Leg Jeans"}}},
				{name: pair{"阔腿裤", "Wide-leg Pants"}, weight: 1, price: [2]int{2500, 6900}, grams: [2]int{250, 500}, unit: unitTiao, axes: []int{axColor, axSize},
					nouns: []pair{{"阔腿裤女", "Wide Leg Pants Women"}, {"休闲裤女", "Casual Pants Women"}}},
			}},
		},
	},
	{
		name: pair{"男装", "Men's Clothing"}, prefixes: apparelPrefixes, matName: material,
		mods: []pair{{"潮牌", "Trendy Brand"}, {"美式", "American Style"}, {"宽松", "Loose"}, {"重磅", "Heavyweight"}, {"商务", "Business"},
			{"休闲", "Casual"}, {"日系", "Japanese Style"}, {"国潮", "Guochao"}},
		mats:       []pair{{"纯棉", "Cotton"}, {"涤纶", "Polyester"}, {"冰丝", "Ice Silk"}, {"棉麻", "Cotton Linen"}, {"240g重磅棉", "240g Heavy Cotton"}},
		tags:       []pair{{"青年百搭", "Youth Versatile"}, {"大码男装", "Plus Size Menswear"}, {"潮流百搭", "Trendy Versatile"}, {"简约大气", "Simple Classy"}},
		styles:     []pair{{"休闲", "Casual"}, {"商务", "Business"}, {"街头", "Street"}, {"运动", "Sporty"}},
		industries: []pair{{"服饰", "Apparel"}, {"服装", "Garment"}, {"制衣", "Clothing"}},
		hubs:       []int{hubGuangzhou, hubQuanzhou, hubWenzhou, hubChangshu, hubHangzhou},
		mids: []midDef{
			{pair{"男士上装", "Men's Tops"}, []leafDef{
				{name: pair{"T恤", "T-shirts"}, weight: 5, price: [2]int{990, 3900}, grams: [2]int{180, 300}, unit: unitJian, axes: []int{axColor, axSize},
					nouns: []pair{{"短袖T恤男", "Short Sleeve T-shirt Men"}, {"圆领T恤男", "Crew Neck T-shirt Men"}, {"半袖T恤", "Half Sleeve T-shirt"}}},
				{name: pair{"POLO衫", "Polo Shirts"}, weight: 1, price: [2]int{2500, 6900}, grams: [2]int{200, 320}, unit: unitJian, axes: []int{axColor, axSize},
					nouns: []pair{{"POLO衫男", "Polo Shirt Men"}, {"翻领POLO衫", "Lapel Polo Shirt"}}},
				{name: pair{"夹克", "Jackets"}, weight: 1, price: [2]int{5900, 15900}, grams: [2]int{500, 900}, unit: unitJian, axes: []int{axColor, axSize},
					nouns: []pair{{"夹克外套男", "Jacket Men"}, {"工装夹克", "Workwear Jacket"}}},
			}},
			{pair{"男士裤装", "Men's Pants"}, []leafDef{
				{name: pair{"休闲裤", "Casual Pants"}, weight: 1, price: [2]int{3500, 8900}, grams: [2]int{350, 600}, unit: unitTiao, axes: []int{axSize, axColor},
					nouns: []pair{{"休闲裤男", "Casual Pants Men"}, {"工装裤男", "Cargo Pants Men"}}},
				{name: pair{"短裤", "Shorts"}, weight: 1, price: [2]int{1500, 4500}, grams: [2]int{150, 300}, unit: unitTiao, axes: []int{axSize, axColor},
					nouns: []pair{{"短裤男", "Shorts Men"}, {"五分裤男", "Knee Length Shorts Men"}}},
			}},
		},
	},
	{
		name: pair{"鞋靴", "Shoes"}, prefixes: []pair{{"2026新款", "2026 New"}, {"夏季新款", "Summer New"}, {"秋季新款", "Autumn New"}, {"跨境外贸", "Cross-border Export"}},
		matName: material,
		mods: []pair{{"轻便", "Lightweight"}, {"透气", "Breathable"}, {"软底", "Soft Sole"}, {"防滑", "Non-slip"}, {"厚底", "Platform"},
			{"百搭", "Versatile"}, {"休闲", "Casual"}},
		mats:       []pair{{"网面", "Mesh"}, {"PU皮", "PU Leather"}, {"帆布", "Canvas"}, {"头层牛皮", "Cowhide"}},
		tags:       []pair{{"潮流百搭", "Trendy Versatile"}, {"舒适耐穿", "Comfortable Durable"}, {"外贸爆款", "Export Bestseller"}},
		styles:     []pair{{"休闲", "Casual"}, {"运动", "Sporty"}, {"简约", "Minimalist"}},
		industries: []pair{{"鞋业", "Footwear"}, {"鞋材", "Shoe Materials"}},
		hubs:       []int{hubQuanzhou, hubJinjiang, hubWenzhou, hubGuangzhou},
		mids: []midDef{
			{pair{"女鞋", "Women's Shoes"}, []leafDef{
				{name: pair{"小白鞋", "White Sneakers"}, weight: 2, price: [2]int{2900, 6900}, grams: [2]int{500, 800}, unit: unitShuang, axes: []int{axShoeW, axColor},
					nouns: []pair{{"小白鞋女", "White Sneakers Women"}, {"板鞋女", "Skate Shoes Women"}}},
				{name: pair{"凉鞋", "Sandals"}, weight: 1, price: [2]int{1500, 4900}, grams: [2]int{300, 500}, unit: unitShuang, axes: []int{axShoeW, axColor},
					nouns: []pair{{"凉鞋女", "Sandals Women"}, {"一字带凉鞋", "Strap Sandals"}}},
			}},
			{pair{"男鞋", "Men's Shoes"}, []leafDef{
				{name: pair{"运动鞋", "Sports Shoes"}, weight: 2, price: [2]int{3900, 9900}, grams: [2]int{600, 900}, unit: unitShuang, axes: []int{axShoeM, axColor},
					nouns: []pair{{"运动鞋男", "Sports Shoes Men"}, {"跑步鞋男", "Running Shoes Men"}}},
				{name: pair{"拖鞋", "Slippers"}, weight: 1, price: [2]int{500, 1900}, grams: [2]int{200, 400}, unit: unitShuang, axes: []int{axShoeM, axColor},
					mats:  []pair{{"EVA", "EVA"}, {"PVC", "PVC"}},
					nouns: []pair{{"拖鞋男", "Slippers Men"}, {"居家拖鞋", "Home Slippers"}}},
			}},
		},
	},
	{
		name: pair{"箱包", "Bags & Luggage"}, prefixes: plainPrefixes, matName: material,
		mods:       []pair{{"大容量", "Large Capacity"}, {"简约", "Minimalist"}, {"百搭", "Versatile"}, {"轻便", "Lightweight"}, {"防水", "Waterproof"}, {"高级感", "Premium Look"}},
		mats:       []pair{{"PU皮", "PU Leather"}, {"帆布", "Canvas"}, {"牛津布", "Oxford Cloth"}, {"尼龙", "Nylon"}},
		tags:       []pair{{"学生党", "For Students"}, {"网红同款", "Influencer Style"}, {"厂家批发", "Factory Wholesale"}},
		styles:     []pair{{"时尚", "Fashion"}, {"简约", "Minimalist"}, {"商务", "Business"}},
		industries: []pair{{"箱包", "Bags"}, {"皮具", "Leather Goods"}},
		hubs:       []int{hubGuangzhou, hubBaigou, hubYiwu},
		mids: []midDef{
			{pair{"女包", "Women's Bags"}, []leafDef{
				{name: pair{"单肩包", "Shoulder Bags"}, weight: 2, price: [2]int{2500, 7900}, grams: [2]int{300, 600}, unit: unitGe, axes: []int{axColor},
					nouns: []pair{{"单肩包女", "Shoulder Bag Women"}, {"腋下包", "Underarm Bag"}, {"斜挎包女", "Crossbody Bag Women"}}},
				{name: pair{"帆布包", "Canvas Totes"}, weight: 1, price: [2]int{800, 2900}, grams: [2]int{200, 400}, unit: unitGe, axes: []int{axColor, axSpec},
					mats:  []pair{{"帆布", "Canvas"}, {"棉布", "Cotton Cloth"}},
					nouns: []pair{{"帆布包", "Canvas Tote Bag"}, {"托特包", "Tote Bag"}}},
			}},
			{pair{"旅行箱包", "Travel Bags"}, []leafDef{
				{name: pair{"双肩包", "Backpacks"}, weight: 1, price: [2]int{3500, 8900}, grams: [2]int{500, 900}, unit: unitGe, axes: []int{axColor},
					nouns: []pair{{"双肩包", "Backpack"}, {"电脑背包", "Laptop Backpack"}}},
				{name: pair{"拉杆箱", "Suitcases"}, weight: 1, price: [2]int{9900, 25900}, grams: [2]int{3000, 5000}, unit: unitGe, axes: []int{axLuggage, axColor},
					mats:  []pair{{"ABS+PC", "ABS+PC"}, {"铝框", "Aluminum Frame"}},
					nouns: []pair{{"拉杆箱", "Trolley Suitcase"}, {"行李箱", "Luggage Suitcase"}}},
			}},
		},
	},
	{
		name: pair{"家居日用", "Home & Daily Use"}, prefixes: []pair{{"家用", "Household"}, {"新款", "New"}, {"跨境", "Cross-border"}, {"2026新款", "2026 New"}},
		matName:    material,
		mods:       []pair{{"多功能", "Multifunctional"}, {"北欧风", "Nordic Style"}, {"简约", "Minimalist"}, {"加厚", "Thickened"}, {"可折叠", "Foldable"}, {"大号", "Large"}},
		mats:       []pair{{"PP塑料", "PP Plastic"}, {"棉", "Cotton"}, {"珊瑚绒", "Coral Fleece"}, {"竹纤维", "Bamboo Fiber"}, {"布艺", "Fabric"}},
		tags:       []pair{{"宿舍神器", "Dorm Essential"}, {"家居好物", "Home Essentials"}, {"义乌小商品", "Yiwu Small Commodities"}, {"地摊货源", "Street Stall Supply"}},
		styles:     []pair{{"北欧", "Nordic"}, {"简约", "Minimalist"}, {"日式", "Japanese"}},
		industries: []pair{{"日用品", "Daily Necessities"}, {"家居用品", "Household Products"}},
		hubs:       []int{hubYiwu, hubLinyi, hubNingbo},
		mids: []midDef{
			{pair{"收纳整理", "Storage"}, []leafDef{
				{name: pair{"收纳盒", "Storage Boxes"}, weight: 2, price: [2]int{390, 2900}, grams: [2]int{200, 900}, unit: unitGe, axes: []int{axSpec, axColor},
					mats:  []pair{{"PP塑料", "PP Plastic"}, {"布艺", "Fabric"}},
					nouns: []pair{{"收纳盒", "Storage Box"}, {"桌面收纳盒", "Desktop Organizer"}, {"抽屉式收纳箱", "Drawer Storage Bin"}}},
				{name: pair{"衣架", "Hangers"}, weight: 1, price: [2]int{290, 990}, grams: [2]int{300, 600}, unit: unitTao, axes: []int{axColor},
					mats:  []pair{{"PP塑料", "PP Plastic"}, {"植绒", "Flocked"}},
					nouns: []pair{{"衣架10个装", "Clothes Hangers 10 Pack"}, {"防滑衣架", "Non-slip Hangers"}}},
			}},
			{pair{"家纺", "Home Textiles"}, []leafDef{
				{name: pair{"毛巾", "Towels"}, weight: 1, price: [2]int{390, 2500}, grams: [2]int{80, 400}, unit: unitTiao, axes: []int{axColor},
					mats:  []pair{{"纯棉", "Cotton"}, {"珊瑚绒", "Coral Fleece"}, {"竹纤维", "Bamboo Fiber"}},
					nouns: []pair{{"洗脸毛巾", "Face Towel"}, {"浴巾", "Bath Towel"}}},
				{name: pair{"抱枕", "Throw Pillows"}, weight: 1, price: [2]int{990, 3900}, grams: [2]int{300, 700}, unit: unitGe, axes: []int{axColor},
					nouns: []pair{{"抱枕", "Throw Pillow"}, {"靠垫", "Cushion"}}},
			}},
			{pair{"清洁用品", "Cleaning"}, []leafDef{
				{name: pair{"拖把", "Mops"}, weight: 1, price: [2]int{1500, 4900}, grams: [2]int{800, 1500}, unit: unitTao,
					mats:  []pair{{"不锈钢杆", "Stainless Steel Pole"}, {"铝合金", "Aluminum Alloy"}},
					nouns: []pair{{"平板拖把", "Flat Mop"}, {"免手洗拖把", "Hands-free Mop"}}},
				{name: pair{"垃圾袋", "Garbage Bags"}, weight: 1, price: [2]int{290, 990}, grams: [2]int{200, 500}, unit: unitHe, axes: []int{axSpec},
					mats:  []pair{{"PE", "PE"}, {"可降解材料", "Biodegradable"}},
					nouns: []pair{{"垃圾袋", "Garbage Bags"}, {"加厚垃圾袋", "Thick Trash Bags"}}},
			}},
		},
	},
	{
		name: pair{"数码配件", "Phone & Digital Accessories"}, prefixes: plainPrefixes, matName: material,
		mods:       []pair{{"便携", "Portable"}, {"迷你", "Mini"}, {"高颜值", "Stylish"}, {"多功能", "Multifunctional"}},
		mats:       []pair{{"ABS", "ABS"}, {"硅胶", "Silicone"}, {"铝合金", "Aluminum Alloy"}},
		tags:       []pair{{"跨境电商专供", "For Cross-border E-commerce"}, {"工厂直供", "Factory Direct Supply"}, {"数码配件批发", "Digital Accessories Wholesale"}},
		industries: []pair{{"电子科技", "Electronic Technology"}, {"数码科技", "Digital Technology"}, {"电子", "Electronics"}},
		hubs:       []int{hubShenzhen, hubDongguan, hubShenzhen},
		mids: []midDef{
			{pair{"手机配件", "Phone Accessories"}, []leafDef{
				{name: pair{"手机壳", "Phone Cases"}, weight: 10, price: [2]int{180, 1500}, grams: [2]int{30, 60}, unit: unitGe, axes: []int{axPhone, axColor},
					mats: []pair{{"TPU", "TPU"}, {"液态硅胶", "Liquid Silicone"}, {"PC", "PC"}},
					mods: []pair{{"防摔", "Shockproof"}, {"磁吸", "MagSafe Magnetic"}, {"透明", "Clear"}, {"全包", "Full Coverage"}, {"肤感", "Matte Skin-feel"}, {"卡通", "Cartoon"}},
					nouns: []pair{{"手机壳", "Phone Case"}, {"保护套手机壳", "Protective Phone Case"}, {"硅胶手机壳", "Silicone Phone Case"},
						{"适用苹果手机壳", "Phone Case for iPhone"}}},
				{name: pair{"数据线", "Charging Cables"}, weight: 2, price: [2]int{290, 1500}, grams: [2]int{30, 80}, unit: unitTiao, axes: []int{axLength, axColor},
					mods:  []pair{{"快充", "Fast Charging"}, {"编织", "Braided"}, {"三合一", "3-in-1"}, {"加粗", "Thick"}},
					nouns: []pair{{"数据线", "Charging Cable"}, {"Type-C数据线", "Type-C Cable"}}},
				{name: pair{"手机支架", "Phone Stands"}, weight: 1, price: [2]int{390, 1900}, grams: [2]int{80, 250}, unit: unitGe, axes: []int{axColor},
					nouns: []pair{{"手机支架", "Phone Stand"}, {"桌面手机支架", "Desktop Phone Holder"}}},
			}},
			{pair{"影音数码", "Audio"}, []leafDef{
				{name: pair{"蓝牙耳机", "Bluetooth Earbuds"}, weight: 2, price: [2]int{2900, 8900}, grams: [2]int{80, 150}, unit: unitGe, axes: []int{axColor},
					mods:  []pair{{"降噪", "Noise Cancelling"}, {"运动", "Sports"}, {"入耳式", "In-ear"}, {"超长续航", "Long Battery Life"}},
					nouns: []pair{{"蓝牙耳机", "Bluetooth Earbuds"}, {"无线蓝牙耳机", "Wireless Bluetooth Earphones"}}},
				{name: pair{"蓝牙音箱", "Speakers"}, weight: 1, price: [2]int{1900, 6900}, grams: [2]int{200, 600}, unit: unitGe, axes: []int{axColor},
					nouns: []pair{{"蓝牙音箱", "Bluetooth Speaker"}, {"迷你音箱", "Mini Speaker"}}},
			}},
		},
	},
	{
		name: pair{"玩具", "Toys"}, prefixes: []pair{{"儿童", "Kids"}, {"新款", "New"}, {"跨境", "Cross-border"}, {"网红", "Viral"}},
		matName:    material,
		mods:       []pair{{"益智", "Educational"}, {"卡通", "Cartoon"}, {"创意", "Creative"}, {"解压", "Stress Relief"}, {"可爱", "Cute"}},
		mats:       []pair{{"ABS塑料", "ABS Plastic"}, {"毛绒", "Plush"}, {"木质", "Wooden"}, {"TPR软胶", "TPR Soft Rubber"}},
		tags:       []pair{{"生日礼物", "Birthday Gift"}, {"地摊玩具", "Street Stall Toys"}, {"幼儿园礼品", "Kindergarten Gifts"}, {"男孩女孩", "Boys Girls"}},
		industries: []pair{{"玩具", "Toys"}, {"玩具实业", "Toy Industry"}},
		hubs:       []int{hubShantou, hubYiwu, hubDongguan, hubShantou},
		mids: []midDef{
			{pair{"益智玩具", "Educational Toys"}, []leafDef{
				{name: pair{"积木", "Building Blocks"}, weight: 2, price: [2]int{990, 5900}, grams: [2]int{200, 800}, unit: unitHe, axes: []int{axStyle},
					mats:  []pair{{"ABS塑料", "ABS Plastic"}, {"木质", "Wooden"}},
					nouns: []pair{{"积木", "Building Blocks"}, {"拼装积木", "Assembly Building Blocks"}}},
				{name: pair{"拼图", "Puzzles"}, weight: 1, price: [2]int{390, 1900}, grams: [2]int{150, 500}, unit: unitHe, axes: []int{axStyle},
					mats:  []pair{{"木质", "Wooden"}, {"纸质", "Paper"}},
					nouns: []pair{{"拼图", "Jigsaw Puzzle"}, {"木质拼图", "Wooden Puzzle"}}},
			}},
			{pair{"毛绒玩具", "Plush Toys"}, []leafDef{
				{name: pair{"毛绒公仔", "Plush Dolls"}, weight: 2, price: [2]int{990, 4900}, grams: [2]int{150, 600}, unit: unitGe, axes: []int{axStyle, axSpec},
					mats:  []pair{{"毛绒", "Plush"}, {"PP棉", "PP Cotton"}},
					nouns: []pair{{"毛绒公仔", "Plush Doll"}, {"毛绒玩具", "Plush Toy"}, {"玩偶抱枕", "Doll Pillow"}}},
			}},
			{pair{"解压玩具", "Fidget Toys"}, []leafDef{
				{name: pair{"捏捏乐", "Squishy Toys"}, weight: 1, price: [2]int{90, 590}, grams: [2]int{30, 120}, unit: unitGe, axes: []int{axStyle},
					mats:  []pair{{"TPR软胶", "TPR Soft Rubber"}, {"硅胶", "Silicone"}},
					nouns: []pair{{"捏捏乐", "Squishy Toy"}, {"解压玩具", "Fidget Toy"}}},
			}},
		},
	},
	{
		name: pair{"美妆", "Beauty"}, prefixes: []pair{{"新款", "New"}, {"跨境", "Cross-border"}, {"网红", "Viral"}, {"2026新款", "2026 New"}},
		matName:    pair{"功效", "Effect"},
		mods:       []pair{{"持久", "Long-lasting"}, {"不脱色", "Smudge-proof"}, {"哑光", "Matte"}, {"滋润", "Moisturizing"}, {"显白", "Brightening"}, {"学生平价", "Affordable"}},
		mats:       []pair{{"保湿", "Moisturizing"}, {"持久", "Long-lasting"}, {"遮瑕", "Concealing"}, {"提亮", "Brightening"}},
		tags:       []pair{{"彩妆批发", "Cosmetics Wholesale"}, {"抖音同款", "Douyin Trending"}, {"国货彩妆", "Chinese Cosmetics"}},
		industries: []pair{{"化妆品", "Cosmetics"}, {"美容用品", "Beauty Products"}},
		hubs:       []int{hubGuangzhou, hubYiwu, hubGuangzhou},
		mids: []midDef{
			{pair{"彩妆", "Makeup"}, []leafDef{
				{name: pair{"口红", "Lipsticks"}, weight: 2, price: [2]int{290, 1900}, grams: [2]int{20, 60}, unit: unitZhi, axes: []int{axShade},
					nouns: []pair{{"口红", "Lipstick"}, {"唇釉", "Lip Glaze"}, {"唇泥", "Lip Mud"}}},
				{name: pair{"眼影", "Eyeshadow"}, weight: 1, price: [2]int{590, 2500}, grams: [2]int{60, 150}, unit: unitHe, axes: []int{axShade},
					nouns: []pair{{"眼影盘", "Eyeshadow Palette"}, {"九色眼影", "9-color Eyeshadow"}}},
			}},
			{pair{"美妆工具", "Makeup Tools"}, []leafDef{
				{name: pair{"化妆刷", "Makeup Brushes"}, weight: 1, price: [2]int{390, 2900}, grams: [2]int{60, 250}, unit: unitTao, axes: []int{axColor},
					mats:  []pair{{"人造纤维", "Synthetic Fiber"}, {"动物毛", "Animal Hair"}},
					nouns: []pair{{"化妆刷套装", "Makeup Brush Set"}, {"散粉刷", "Powder Brush"}}},
				{name: pair{"美妆蛋", "Beauty Sponges"}, weight: 1, price: [2]int{50, 490}, grams: [2]int{10, 40}, unit: unitGe, axes: []int{axColor, axPack},
					mats:  []pair{{"非乳胶", "Latex-free"}, {"海绵", "Sponge"}},
					nouns: []pair{{"美妆蛋", "Makeup Sponge"}, {"粉扑", "Powder Puff"}}},
			}},
		},
	},
	{
		name: pair{"厨房用品", "Kitchen"}, prefixes: []pair{{"家用", "Household"}, {"新款", "New"}, {"跨境", "Cross-border"}, {"2026新款", "2026 New"}},
		matName:    material,
		mods:       []pair{{"大容量", "Large Capacity"}, {"便携", "Portable"}, {"简约", "Minimalist"}, {"ins风", "Ins Style"}, {"高颜值", "Good-looking"}},
		mats:       []pair{{"304不锈钢", "304 Stainless Steel"}, {"陶瓷", "Ceramic"}, {"玻璃", "Glass"}, {"硅胶", "Silicone"}, {"竹木", "Bamboo"}},
		tags:       []pair{{"礼品定制logo", "Custom Logo Gift"}, {"厨房好物", "Kitchen Essentials"}, {"家用厨具", "Household Kitchenware"}, {"酒店用品", "Hotel Supplies"}},
		industries: []pair{{"厨具", "Kitchenware"}, {"不锈钢制品", "Stainless Steel Products"}, {"陶瓷", "Ceramics"}},
		hubs:       []int{hubYongkang, hubJieyang, hubChaozhou, hubYiwu, hubNingbo},
		mids: []midDef{
			{pair{"杯具水具", "Drinkware"}, []leafDef{
				{name: pair{"保温杯", "Thermos Mugs"}, weight: 7, price: [2]int{1200, 4900}, grams: [2]int{250, 500}, unit: unitGe, axes: []int{axCapacity, axColor},
					mats:  []pair{{"304不锈钢", "304 Stainless Steel"}, {"316不锈钢", "316 Stainless Steel"}},
					mods:  []pair{{"大容量", "Large Capacity"}, {"便携", "Portable"}, {"智能显温", "Smart Temperature Display"}, {"男女学生", "Students"}, {"高颜值", "Good-looking"}},
					nouns: []pair{{"保温杯", "Thermos Mug"}, {"不锈钢保温杯", "Stainless Steel Insulated Mug"}, {"车载保温杯", "Car Travel Mug"}, {"咖啡保温杯", "Coffee Thermos Mug"}}},
				{name: pair{"马克杯", "Mugs"}, weight: 4, price: [2]int{390, 1900}, grams: [2]int{250, 450}, unit: unitGe, axes: []int{axColor, axCapacity},
					mats:  []pair{{"陶瓷", "Ceramic"}, {"骨瓷", "Bone China"}},
					nouns: []pair{{"马克杯", "Mug"}, {"陶瓷马克杯", "Ceramic Mug"}, {"咖啡杯马克杯", "Coffee Mug"}}},
			}},
			{pair{"厨房工具", "Kitchen Tools"}, []leafDef{
				{name: pair{"硅胶铲", "Silicone Spatulas"}, weight: 1, price: [2]int{290, 1290}, grams: [2]int{60, 200}, unit: unitGe, axes: []int{axColor},
					mats:  []pair{{"硅胶", "Silicone"}, {"食品级硅胶", "Food Grade Silicone"}},
					nouns: []pair{{"硅胶铲", "Silicone Spatula"}, {"不粘锅铲", "Non-stick Spatula"}}},
				{name: pair{"削皮刀", "Peelers"}, weight: 1, price: [2]int{150, 690}, grams: [2]int{30, 90}, unit: unitGe,
					mats:  []pair{{"不锈钢", "Stainless Steel"}},
					nouns: []pair{{"削皮刀", "Vegetable Peeler"}, {"刨丝器", "Grater"}}},
			}},
			{pair{"餐具", "Tableware"}, []leafDef{
				{name: pair{"陶瓷碗", "Ceramic Bowls"}, weight: 1, price: [2]int{290, 1500}, grams: [2]int{200, 500}, unit: unitGe, axes: []int{axSpec},
					mats:  []pair{{"陶瓷", "Ceramic"}, {"骨瓷", "Bone China"}},
					nouns: []pair{{"陶瓷碗", "Ceramic Bowl"}, {"家用饭碗", "Rice Bowl"}}},
				{name: pair{"筷子", "Chopsticks"}, weight: 1, price: [2]int{390, 1900}, grams: [2]int{150, 300}, unit: unitTao,
					mats:  []pair{{"合金", "Alloy"}, {"竹木", "Bamboo"}},
					nouns: []pair{{"筷子10双装", "Chopsticks 10 Pairs"}, {"合金筷子", "Alloy Chopsticks"}}},
			}},
		},
	},
	{
		name: pair{"文具", "Stationery"}, prefixes: []pair{{"学生", "Student"}, {"新款", "New"}, {"办公", "Office"}, {"跨境", "Cross-border"}},
		matName:    material,
		mods:       []pair{{"ins风", "Ins Style"}, {"简约", "Minimalist"}, {"高颜值", "Cute"}, {"速干", "Quick-dry"}, {"大容量", "Large Capacity"}},
		mats:       []pair{{"塑料", "Plastic"}, {"纸质", "Paper"}, {"金属", "Metal"}},
		tags:       []pair{{"开学必备", "Back to School"}, {"办公用品", "Office Supplies"}, {"文具批发", "Stationery Wholesale"}},
		industries: []pair{{"文具", "Stationery"}, {"文化用品", "Cultural Products"}},
		hubs:       []int{hubNingbo, hubYiwu, hubWenzhou},
		mids: []midDef{
			{pair{"书写工具", "Writing Instruments"}, []leafDef{
				{name: pair{"中性笔", "Gel Pens"}, weight: 2, price: [2]int{590, 1900}, grams: [2]int{100, 250}, unit: unitHe, axes: []int{axColor, axPack},
					nouns: []pair{{"中性笔", "Gel Pen"}, {"按动中性笔", "Retractable Gel Pen"}}},
				{name: pair{"荧光笔", "Highlighters"}, weight: 1, price: [2]int{490, 1500}, grams: [2]int{80, 200}, unit: unitHe, axes: []int{axPack},
					nouns: []pair{{"荧光笔", "Highlighter"}, {"标记笔", "Marker Pen"}}},
			}},
			{pair{"本册", "Notebooks & Paper"}, []leafDef{
				{name: pair{"笔记本", "Notebooks"}, weight: 1, price: [2]int{190, 1500}, grams: [2]int{150, 400}, unit: unitBen, axes: []int{axSpec, axColor},
					mats:  []pair{{"纸质", "Paper"}, {"PU皮面", "PU Cover"}},
					nouns: []pair{{"笔记本", "Notebook"}, {"A5笔记本", "A5 Notebook"}, {"活页本", "Loose-leaf Notebook"}}},
				{name: pair{"便利贴", "Sticky Notes"}, weight: 1, price: [2]int{90, 490}, grams: [2]int{40, 120}, unit: unitBen, axes: []int{axColor},
					mats:  []pair{{"纸质", "Paper"}},
					nouns: []pair{{"便利贴", "Sticky Notes"}, {"便签本", "Memo Pad"}}},
			}},
		},
	},
	{
		name: pair{"运动户外", "Sports & Outdoors"}, prefixes: []pair{{"新款", "New"}, {"跨境", "Cross-border"}, {"家用", "Home"}, {"户外", "Outdoor"}},
		matName:    material,
		mods:       []pair{{"加厚", "Thickened"}, {"防滑", "Non-slip"}, {"便携", "Portable"}, {"专业", "Professional"}, {"轻量化", "Lightweight"}},
		mats:       []pair{{"TPE", "TPE"}, {"NBR", "NBR"}, {"铝合金", "Aluminum Alloy"}, {"牛津布", "Oxford Cloth"}, {"乳胶", "Latex"}},
		tags:       []pair{{"运动装备", "Sports Gear"}, {"厂家直供", "Factory Supply"}, {"跨境热卖", "Cross-border Hot Sale"}},
		industries: []pair{{"体育用品", "Sporting Goods"}, {"户外用品", "Outdoor Products"}},
		hubs:       []int{hubJinjiang, hubYiwu, hubNingbo},
		mids: []midDef{
			{pair{"健身", "Fitness"}, []leafDef{
				{name: pair{"瑜伽垫", "Yoga Mats"}, weight: 1, price: [2]int{1500, 5900}, grams: [2]int{800, 1500}, unit: unitGe, axes: []int{axColor},
					mats:  []pair{{"TPE", "TPE"}, {"NBR", "NBR"}},
					nouns: []pair{{"瑜伽垫", "Yoga Mat"}, {"健身垫", "Exercise Mat"}}},
				{name: pair{"弹力带", "Resistance Bands"}, weight: 1, price: [2]int{290, 1500}, grams: [2]int{50, 200}, unit: unitTiao, axes: []int{axColor, axSpec},
					mats:  []pair{{"乳胶", "Latex"}, {"TPE", "TPE"}},
					nouns: []pair{{"弹力带", "Resistance Band"}, {"阻力带", "Fitness Band"}}},
			}},
			{pair{"户外露营", "Camping"}, []leafDef{
				{name: pair{"露营灯", "Camping Lanterns"}, weight: 1, price: [2]int{1500, 4900}, grams: [2]int{200, 600}, unit: unitGe, axes: []int{axColor},
					mats:  []pair{{"ABS", "ABS"}, {"铝合金", "Aluminum Alloy"}},
					nouns: []pair{{"露营灯", "Camping Lantern"}, {"帐篷灯", "Tent Light"}}},
				{name: pair{"折叠椅", "Folding Chairs"}, weight: 1, price: [2]int{2900, 8900}, grams: [2]int{1500, 3000}, unit: unitGe, axes: []int{axColor},
					mats:  []pair{{"铝合金", "Aluminum Alloy"}, {"牛津布", "Oxford Cloth"}},
					nouns: []pair{{"折叠椅", "Folding Chair"}, {"户外折叠椅", "Outdoor Folding Chair"}}},
			}},
		},
	},
	{
		name: pair{"饰品", "Jewelry & Accessories"}, prefixes: []pair{{"新款", "New"}, {"跨境", "Cross-border"}, {"2026新款", "2026 New"}, {"网红", "Viral"}},
		matName:    material,
		mods:       []pair{{"简约", "Minimalist"}, {"气质", "Elegant"}, {"法式", "French Style"}, {"小众", "Niche"}, {"甜美", "Sweet"}},
		mats:       []pair{{"合金", "Alloy"}, {"925银", "925 Silver"}, {"珍珠", "Pearl"}, {"醋酸板", "Acetate"}},
		tags:       []pair{{"义乌饰品", "Yiwu Accessories"}, {"饰品批发", "Jewelry Wholesale"}, {"地摊货源", "Street Stall Supply"}},
		styles:     []pair{{"韩版", "Korean"}, {"甜美", "Sweet"}, {"复古", "Vintage"}},
		industries: []pair{{"饰品", "Accessories"}, {"工艺品", "Crafts"}},
		hubs:       []int{hubYiwu, hubGuangzhou, hubYiwu},
		mids: []midDef{
			{pair{"发饰", "Hair Accessories"}, []leafDef{
				{name: pair{"发夹", "Hair Clips"}, weight: 2, price: [2]int{90, 690}, grams: [2]int{10, 60}, unit: unitGe, axes: []int{axColor},
					mats:  []pair{{"醋酸板", "Acetate"}, {"合金", "Alloy"}, {"树脂", "Resin"}},
					nouns: []pair{{"发夹", "Hair Clip"}, {"抓夹", "Claw Clip"}, {"鲨鱼夹", "Shark Clip"}}},
				{name: pair{"发圈", "Scrunchies"}, weight: 1, price: [2]int{50, 390}, grams: [2]int{10, 40}, unit: unitGe, axes: []int{axColor, axPack},
					mats:  []pair{{"真丝", "Silk"}, {"雪纺", "Chiffon"}},
					nouns: []pair{{"发圈", "Scrunchie"}, {"大肠发圈", "Large Scrunchie"}}},
			}},
			{pair{"耳饰", "Earrings"}, []leafDef{
				{name: pair{"耳环", "Earrings"}, weight: 1, price: [2]int{190, 1500}, grams: [2]int{5, 30}, unit: unitDui, axes: []int{axColor},
					nouns: []pair{{"耳环", "Earrings"}, {"耳钉", "Stud Earrings"}}},
			}},
		},
	},
}

var tradeSuffixes = []pair{
	{"厂家直销", "Factory Direct Sale"}, {"现货批发", "Wholesale In Stock"}, {"源头工厂", "Source Factory"},
	{"跨境专供", "Cross-border Supply"}, {"外贸批发", "Export Wholesale"}, {"现货速发", "Fast Shipping"},
}

var brandWords = []pair{
	{"佳禾", "Jiahe"}, {"鑫源", "Xinyuan"}, {"恒达", "Hengda"}, {"润发", "Runfa"}, {"美嘉", "Meijia"}, {"优品", "Youpin"},
	{"金鹰", "Jinying"}, {"华盛", "Huasheng"}, {"宏图", "Hongtu"}, {"天宇", "Tianyu"}, {"锦程", "Jincheng"}, {"凯瑞", "Kairui"},
	{"诺亚", "Nuoya"}, {"博雅", "Boya"}, {"新锐", "Xinrui"}, {"辰曦", "Chenxi"}, {"卓越", "Zhuoyue"}, {"森途", "Sentu"},
	{"悦佳", "Yuejia"}, {"百纳", "Baina"}, {"永盛", "Yongsheng"}, {"汇通", "Huitong"}, {"睿达", "Ruida"}, {"顺昌", "Shunchang"},
	{"奇乐", "Qile"}, {"欧漫", "Ouman"}, {"益诚", "Yicheng"}, {"千禧", "Qianxi"}, {"伊诺", "Yinuo"}, {"尚品", "Shangpin"},
	{"智联", "Zhilian"}, {"聚源", "Juyuan"}, {"恒丰", "Hengfeng"}, {"宝润", "Baorun"}, {"绿森", "Lvsen"}, {"星辰", "Xingchen"},
	{"云朵", "Yunduo"}, {"蓝海", "Lanhai"}, {"艾美", "Aimei"}, {"福临", "Fulin"}, {"嘉诚", "Jiacheng"}, {"鼎盛", "Dingsheng"},
}

var companySuffixes = []pair{
	{"有限公司", "Co., Ltd."}, {"有限公司", "Co., Ltd."}, {"贸易有限公司", "Trading Co., Ltd."},
	{"实业有限公司", "Industrial Co., Ltd."}, {"商行", "Trading Firm"}, {"厂", "Factory"},
}

const urlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

// gen carries the generator's state: the random source and what the
// seller pass hands to the offer pass.
type gen struct {
	rng     *rand.Rand
	seed    int64
	sellers []sellerGen
	byRoot  [][]int // seller indices per root
	skuSeq  int64
	skuStep int64
	// offerFlags lives only while Generate runs.
	offerFlags map[string]offerFlag
}

type sellerGen struct {
	s      *Seller
	hub    int
	root   int
	brand  pair
	member string // the numeric member id in image paths
	cargo  string // item-number prefix
	repeat int    // repeat purchase percent
}

func (g *gen) intn(n int) int { return g.rng.IntN(n) }

// between is uniform in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.rng.IntN(hi-lo+1)
}

// chance is true with probability permille/1000.
func (g *gen) chance(permille int) bool { return g.rng.IntN(1000) < permille }

func pick[T any](g *gen, s []T) T { return s[g.rng.IntN(len(s))] }

// randString draws n characters from a 64- or 62-letter alphabet, six
// bits at a time (a 62-letter alphabet re-draws the two spare values).
func (g *gen) randString(alphabet string, n int) string {
	b := make([]byte, n)
	var bits uint64
	left := 0
	for i := 0; i < n; {
		if left == 0 {
			bits, left = g.rng.Uint64(), 10
		}
		c := int(bits & 63)
		bits >>= 6
		left--
		if c < len(alphabet) {
			b[i] = alphabet[c]
			i++
		}
	}
	return string(b)
}

// Generate builds the marketplace from a seed: n offers (360 when n <= 0)
// in a fixed 3-level category tree, sold by 60 to 90 sellers.
func Generate(seed int64, n int) *Catalogue {
	if n <= 0 {
		n = 360
	}
	n = min(n, maxOffers)
	g := &gen{rng: rand.New(rand.NewPCG(uint64(seed), 0xca7a1095eed)), seed: seed, offerFlags: make(map[string]offerFlag, n)}
	cat := &Catalogue{
		CategoryByID: map[string]*Category{},
		OfferByID:    make(map[string]*Offer, n),
		SellerByOpen: map[string]*Seller{},
	}
	leaves := buildTree(cat)
	g.buildSellers(cat, min(max(n/5, 60), 90))
	g.buildOffers(cat, leaves, n)
	g.markRarities(cat)
	for _, o := range cat.Offers {
		o.Filters = offerFilters(o, g.offerFlags[o.ID])
		o.Description = describe(o)
	}
	g.offerFlags = nil
	return cat
}

// leafRef ties a generated leaf category to its word tables.
type leafRef struct {
	cat  *Category
	root int
	def  *leafDef
}

// buildTree numbers the category tree from constant tables, so category
// ids are the same for every seed: a desk's saved category bookmarks
// survive a change of seed. Level 1 is 90000NN, level 2 9001NNN and level
// 3 901NNNN, a band no real 1688 category uses.
func buildTree(cat *Catalogue) []leafRef {
	var leaves []leafRef
	midSeq, leafSeq := 0, 0
	for ri := range rootDefs {
		rd := &rootDefs[ri]
		root := &Category{ID: strconv.Itoa(9000001 + ri), Name: rd.name.zh, NameEN: rd.name.en, Level: 1}
		cat.Roots = append(cat.Roots, root)
		cat.CategoryByID[root.ID] = root
		for mi := range rd.mids {
			md := &rd.mids[mi]
			midSeq++
			mid := &Category{ID: strconv.Itoa(9001000 + midSeq), Name: md.name.zh, NameEN: md.name.en, Level: 2, Parent: root}
			root.Children = append(root.Children, mid)
			cat.CategoryByID[mid.ID] = mid
			for li := range md.leaves {
				ld := &md.leaves[li]
				leafSeq++
				leaf := &Category{ID: strconv.Itoa(9010000 + leafSeq), Name: ld.name.zh, NameEN: ld.name.en, Level: 3, Parent: mid}
				mid.Children = append(mid.Children, leaf)
				cat.CategoryByID[leaf.ID] = leaf
				leaves = append(leaves, leafRef{cat: leaf, root: ri, def: ld})
			}
		}
	}
	return leaves
}

func rootWeight(rd *rootDef) int {
	w := 0
	for _, m := range rd.mids {
		for _, l := range m.leaves {
			w += l.weight
		}
	}
	return w
}

func (g *gen) buildSellers(cat *Catalogue, count int) {
	g.byRoot = make([][]int, len(rootDefs))
	total := 0
	for i := range rootDefs {
		total += rootWeight(&rootDefs[i])
	}
	used := map[string]bool{}
	for i := 0; i < count; i++ {
		// Three sellers per root first, so every category has a choice of
		// suppliers; the rest follow the catalogue's weight.
		root := i % len(rootDefs)
		if i >= 3*len(rootDefs) {
			r := g.intn(total)
			for root = 0; root < len(rootDefs)-1; root++ {
				if r -= rootWeight(&rootDefs[root]); r < 0 {
					break
				}
			}
		}
		g.byRoot[root] = append(g.byRoot[root], len(g.sellers))
		g.sellers = append(g.sellers, g.newSeller(root, used))
		cat.Sellers = append(cat.Sellers, g.sellers[len(g.sellers)-1].s)
	}
	// A couple of distribution-only sellers refuse every order without a
	// consignment relationship (500_007); more would make the sandbox feel
	// broken rather than realistic.
	if count >= 10 {
		a := g.intn(count)
		b := (a + 1 + g.intn(count-1)) % count
		cat.Sellers[a].NeedsConsign = true
		cat.Sellers[b].NeedsConsign = true
	}
	for _, s := range cat.Sellers {
		cat.SellerByOpen[s.OpenID] = s
	}
}

func (g *gen) newSeller(root int, used map[string]bool) sellerGen {
	rd := &rootDefs[root]
	hi := pick(g, rd.hubs)
	h := &hubs[hi]
	industry := pick(g, rd.industries)
	var brand pair
	// Company names are unique within a city; after many clashes (a very
	// large catalogue) a repeat is tolerated rather than looping forever.
	for tries := 0; ; tries++ {
		brand = pick(g, brandWords)
		key := h.city + brand.zh + industry.zh
		if !used[key] || tries > 200 {
			used[key] = true
			break
		}
		industry = pick(g, rd.industries)
	}
	suffix := pick(g, companySuffixes)
	s := &Seller{
		OpenID:    "BBB" + g.randString(urlSafe, 22),
		LoginID:   strings.ToLower(h.cityEN+brand.en) + strconv.Itoa(g.between(1, 999)),
		Company:   h.prefix + brand.zh + industry.zh + suffix.zh,
		CompanyEN: h.prefixEN + " " + brand.en + " " + industry.en + " " + suffix.en,
		Province:  h.province,
		City:      h.city,
		Years:     1 + int(math.Floor(15*math.Pow(g.rng.Float64(), 1.4))),
		Wangwang:  h.city + brand.zh + industry.zh,
	}
	// Composite service score in tenths; 1688 shows it in half stars.
	composite := []int{35, 40, 40, 45, 45, 45, 50, 50}[g.intn(8)]
	sub := func() string {
		v := min(max(composite+g.between(-5, 5), 30), 50)
		return tenths(v)
	}
	s.CompositeScore = tenths(composite)
	s.LogisticsScore, s.DisputeScore, s.OfferScore = sub(), sub(), sub()
	s.AfterSalesScore, s.ConsultingScore = sub(), sub()
	repeat := g.between(8, 55)
	s.RepeatPurchasePercent = strconv.Itoa(repeat) + "%"
	if g.chance(900) {
		s.Identities = append(s.Identities, "tp_member")
	}
	if g.chance(300) || composite == 50 && g.chance(500) {
		s.Identities = append(s.Identities, "powerful_merchants")
	}
	if g.chance(100) {
		s.Identities = append(s.Identities, "super_factory")
		s.CertifiedFactory = true
	} else {
		s.CertifiedFactory = g.chance(220)
	}
	if g.chance(340) {
		s.Mix = MixRule{Enabled: true, Number: int64([]int{30, 50, 50, 100}[g.intn(4)]), Amount: xport.Fen([]int{30000, 50000, 50000, 100000}[g.intn(4)])}
	}
	initials := ""
	for _, w := range strings.FieldsFunc(brand.en, func(r rune) bool { return r == ' ' }) {
		initials += strings.ToUpper(w[:1])
	}
	// Pinyin brands are one word; take the first two letters of it.
	if len(initials) < 2 && len(brand.en) >= 2 {
		initials = strings.ToUpper(brand.en[:2])
	}
	return sellerGen{
		s: s, hub: hi, root: root, brand: brand, repeat: repeat,
		member: strconv.Itoa(2200000000 + g.intn(99999999)),
		cargo:  initials,
	}
}

func tenths(v int) string { return strconv.Itoa(v/10) + "." + strconv.Itoa(v%10) }

// offerFlag is what the offer pass decides that only the filters need.
type offerFlag struct {
	shipDays     int // 0 today, 1 within 24h, 2 within 48h, 3 slower
	noReason7D   bool
	onePsale     bool
	onePsaleFree bool
	selection    bool
	jxhy         bool
}

func (g *gen) buildOffers(cat *Catalogue, leaves []leafRef, n int) {
	// Leaf quotas by largest remainder: the hot leaves (dresses, T-shirts,
	// phone cases, mugs) get their share exactly whatever the seed, so a
	// search for them always fills a few pages.
	total := 0
	for _, l := range leaves {
		total += l.def.weight
	}
	counts := make([]int, len(leaves))
	type rem struct{ i, r int }
	rems := make([]rem, len(leaves))
	given := 0
	for i, l := range leaves {
		counts[i] = n * l.def.weight / total
		given += counts[i]
		rems[i] = rem{i, n * l.def.weight % total}
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return b.r - a.r })
	for k := 0; given < n; k++ {
		counts[rems[k%len(rems)].i]++
		given++
	}
	order := make([]int, 0, n)
	for i, c := range counts {
		for ; c > 0; c-- {
			order = append(order, i)
		}
	}
	g.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })

	// Ids climb through the band with random gaps, so they look sparse
	// like real ones yet stay unique without a lookup.
	stride := max(99999/n, 1)
	g.skuStep = max(999999/(int64(n)*30), 1)
	for i, li := range order {
		id := strconv.FormatInt(100000000000+int64(i*stride+g.intn(stride)), 10)
		o := g.newOffer(id, leaves[li])
		cat.Offers = append(cat.Offers, o)
		cat.OfferByID[o.ID] = o
	}
}

func (g *gen) newOffer(id string, lr leafRef) *Offer {
	rd := &rootDefs[lr.root]
	ld := lr.def
	sellers := g.byRoot[lr.root]
	// Skewed towards the first sellers of a root: a few big shops list
	// most of a category, as on the real site.
	sg := &g.sellers[sellers[int(float64(len(sellers))*math.Pow(g.rng.Float64(), 1.6))]]
	h := &hubs[sg.hub]
	o := &Offer{
		ID:       id,
		Category: lr.cat,
		Seller:   sg.s,
		Unit:     units[ld.unit].zh,
		UnitEN:   units[ld.unit].en,
		Status:   "published",
		ShipFrom: h.province + "省 " + h.prefecture,
	}
	fl := offerFlag{
		shipDays:   []int{0, 1, 1, 2, 2, 2, 3}[g.intn(7)],
		noReason7D: g.chance(600),
		onePsale:   g.chance(450),
		selection:  g.chance(120),
		jxhy:       g.chance(100),
	}
	fl.onePsaleFree = fl.onePsale && g.chance(400)
	g.offerFlags[id] = fl

	mats := ld.mats
	if mats == nil {
		mats = rd.mats
	}
	mat := pick(g, mats)
	g.title(o, rd, ld, mat, fl)

	// Pictures: 3 to 6 main images, then SKU pictures for the axes that
	// have them.
	for k := g.between(3, 6); k > 0; k-- {
		o.Images = append(o.Images, g.image(sg))
	}

	cargo := fmt.Sprintf("%s-%04d", sg.cargo, g.between(1000, 9999))
	g.axes(o, ld, sg)
	g.pricing(o, ld)
	g.skus(o, cargo)

	o.WeightGrams = int64(g.between(ld.grams[0], ld.grams[1]))
	o.MonthSold = int64(math.Pow(g.rng.Float64(), 4) * 50000)
	o.Repurchase = min(max(sg.repeat+g.between(-10, 10), 0), 70)
	switch r := g.intn(100); {
	case r < 5:
		o.CreatedDaysAgo = g.between(0, 7)
	case r < 20:
		o.CreatedDaysAgo = g.between(8, 30)
	default:
		o.CreatedDaysAgo = g.between(31, 1200)
	}
	g.freight(o, fl)
	g.attributes(o, rd, sg, mat, cargo)
	return o
}

func (g *gen) title(o *Offer, rd *rootDef, ld *leafDef, mat pair, fl offerFlag) {
	var zh, en []string
	if g.chance(750) {
		p := pick(g, rd.prefixes)
		zh, en = append(zh, p.zh), append(en, p.en)
	}
	mods := ld.mods
	if mods == nil {
		mods = rd.mods
	}
	m1 := g.intn(len(mods))
	zh, en = append(zh, mods[m1].zh), append(en, mods[m1].en)
	if g.chance(550) && len(mods) > 1 {
		m2 := (m1 + 1 + g.intn(len(mods)-1)) % len(mods)
		zh, en = append(zh, mods[m2].zh), append(en, mods[m2].en)
	}
	if g.chance(500) && rd.matName == material {
		zh, en = append(zh, mat.zh), append(en, mat.en)
	}
	noun := pick(g, ld.nouns)
	zh, en = append(zh, noun.zh), append(en, noun.en)
	subject, subjectEN := strings.Join(zh, ""), strings.Join(en, " ")
	if g.chance(700) {
		t := pick(g, rd.tags)
		subject += " " + t.zh
		subjectEN += " " + t.en
	}
	switch {
	case fl.onePsale && g.chance(350):
		subject += " 一件代发"
		subjectEN += " Dropshipping"
	case g.chance(850):
		// Skip a trade phrase that repeats the tag ("跨境电商专供 跨境专供").
		s := pick(g, tradeSuffixes)
		if !strings.Contains(subject, string([]rune(s.zh)[:2])) {
			subject += " " + s.zh
			subjectEN += " " + s.en
		}
	}
	o.Subject, o.SubjectEN = subject, subjectEN
}

func (g *gen) image(sg *sellerGen) string {
	return "https://cbu01.alicdn.com/img/ibank/O1CN01" + g.randString(urlSafe[:62], 22) + "_!!" + sg.member + "-0-cib.jpg"
}

func (g *gen) axes(o *Offer, ld *leafDef, sg *sellerGen) {
	k := 0
	if len(ld.axes) > 0 {
		k = []int{0, 1, 1, 1, 2, 2, 2, 2}[g.intn(8)]
		k = min(k, len(ld.axes))
	}
	// Keep the leaf's axis order (colour before size reads naturally) but
	// sometimes take the second axis alone.
	chosen := ld.axes[:k]
	if k == 1 && len(ld.axes) > 1 && g.chance(300) {
		chosen = ld.axes[1:2]
	}
	maxVals := []int{6, 5}
	for ai, kind := range chosen {
		def := &axisDefs[kind]
		cnt := g.between(2, min(maxVals[ai], len(def.vals)))
		var idx []int
		if def.ordered {
			start := g.intn(len(def.vals) - cnt + 1)
			for j := range cnt {
				idx = append(idx, start+j)
			}
		} else {
			idx = g.rng.Perm(len(def.vals))[:cnt]
			slices.Sort(idx)
		}
		ax := Axis{ID: def.id, Name: def.name.zh, NameEN: def.name.en}
		for _, j := range idx {
			v := AxisValue{Value: def.vals[j].zh, ValueEN: def.vals[j].en}
			if def.images {
				v.Image = g.image(sg)
			}
			ax.Values = append(ax.Values, v)
		}
		o.Axes = append(o.Axes, ax)
	}
}

// ladder is where quantity tiers usually break on 1688.
var ladder = []int64{2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000}

func roundUp(v, m int64) int64 { return (v + m - 1) / m * m }

// nicePrice rounds to the way sellers price: whole dimes above ¥10, and
// often a .90 ending.
func (g *gen) nicePrice(f int64) int64 {
	switch {
	case f >= 1000:
		f = f / 10 * 10
		if f%100 == 0 && g.chance(500) {
			f -= 10
		}
	case f >= 100:
		f = f / 5 * 5
	}
	return max(f, 1)
}

func (g *gen) pricing(o *Offer, ld *leafDef) {
	base := g.nicePrice(int64(g.between(ld.price[0], ld.price[1])))
	o.Batch = []int64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 5, 6, 10, 12}[g.intn(20)]
	moqs := []int64{1, 1, 2, 2, 2, 3, 5, 10, 20, 50}
	if base < 500 {
		// Cheap goods sell by the dozen or the hundred.
		moqs = []int64{2, 5, 10, 10, 20, 30, 50, 100}
	}
	o.MOQ = roundUp(pick(g, moqs), o.Batch)
	if len(o.Axes) == 0 {
		o.QuoteType = 0
	} else if g.chance(400) {
		o.QuoteType = 1
	} else {
		o.QuoteType = 2
	}
	first := o.MOQ
	if g.chance(150) {
		// Some sellers quote from one lot yet only sell from a larger MOQ.
		first = o.Batch
		if first == o.MOQ {
			o.MOQ = roundUp(first*int64(g.between(2, 10)), o.Batch)
		}
	}
	if o.QuoteType == 1 {
		// Per-SKU pricing: 1688 returns one ladder entry, the cheapest
		// SKU's price from the first quantity; skus() fills it in.
		o.Tiers = []Tier{{Start: first, Price: xport.Fen(base)}}
		return
	}
	nt := []int{1, 2, 2, 2, 3, 3, 3, 4}[g.intn(8)]
	o.Tiers = []Tier{{Start: first, Price: xport.Fen(base)}}
	for len(o.Tiers) < nt {
		prev := o.Tiers[len(o.Tiers)-1]
		j, _ := slices.BinarySearch(ladder, prev.Start*3/2+1)
		j += g.intn(3)
		if j >= len(ladder) {
			break
		}
		start := roundUp(ladder[j], o.Batch)
		price := g.nicePrice(int64(prev.Price) * int64(g.between(860, 960)) / 1000)
		if price >= int64(prev.Price) {
			price = int64(prev.Price) - 1
		}
		if start <= prev.Start || price < 1 {
			break
		}
		o.Tiers = append(o.Tiers, Tier{Start: start, Price: xport.Fen(price)})
	}
}

func (g *gen) skus(o *Offer, cargo string) {
	// Some variants are out of stock; a whole listing sold out is rarer
	// and left to markRarities.
	stock := func() int64 {
		if len(o.Axes) > 0 && g.chance(100) {
			return 0
		}
		return int64(math.Exp(g.rng.Float64() * math.Log(20000)))
	}
	if len(o.Axes) == 0 {
		o.SKUs = []*SKU{{ID: g.skuID(), Stock: stock(), Price: o.Tiers[0].Price, Cargo: cargo}}
		o.SKUs[0].SpecID = specID(g.seed, o.ID, o.SKUs[0].ID)
		return
	}
	// Per-SKU prices rise along the first axis (bigger size, bigger
	// capacity, newer phone) so quoteType 1 SKUs differ in price.
	step := int64(0)
	if o.QuoteType == 1 {
		step = max(int64(o.Tiers[0].Price)*int64(g.between(3, 9))/1000*10, 10)
	}
	var walk func(vals []int)
	walk = func(vals []int) {
		if len(vals) == len(o.Axes) {
			price := o.Tiers[0].Price
			if o.QuoteType == 1 {
				price += xport.Fen(int64(vals[0]) * step)
				if len(vals) > 1 && g.chance(200) {
					price += xport.Fen(roundUp(step/2, 10))
				}
			}
			n := len(o.SKUs) + 1
			s := &SKU{ID: g.skuID(), Values: slices.Clone(vals), Stock: stock(), Price: price,
				Cargo: cargo + "-" + string(rune('0'+n/10%10)) + string(rune('0'+n%10))}
			s.SpecID = specID(g.seed, o.ID, s.ID)
			o.SKUs = append(o.SKUs, s)
			return
		}
		for i := range o.Axes[len(vals)].Values {
			walk(append(vals, i))
		}
	}
	walk(make([]int, 0, len(o.Axes)))
}

func (g *gen) skuID() string {
	id := 1000000000000 + g.skuSeq*g.skuStep + int64(g.intn(int(g.skuStep)))
	g.skuSeq++
	return strconv.FormatInt(id, 10)
}

// specID is 1688's 32-hex spec id, derived so the same seed gives the same
// ids (saved carts stay valid across restarts).
func specID(seed int64, offerID, skuID string) string {
	sum := md5.Sum([]byte(strconv.FormatInt(seed, 10) + "/" + offerID + "/" + skuID))
	return hex.EncodeToString(sum[:])
}

func (g *gen) freight(o *Offer, fl offerFlag) {
	if fl.onePsaleFree || g.chance(150) {
		o.Freight = FreightRule{FreePostage: true, ChargeType: 0, FirstUnit: 1000, NextUnit: 1000}
		return
	}
	if g.chance(650) {
		o.Freight = FreightRule{ChargeType: 0, FirstUnit: 1000, FirstFee: xport.Fen(g.between(6, 16) * 50),
			NextUnit: []int64{1000, 1000, 500}[g.intn(3)], NextFee: xport.Fen(g.between(2, 8) * 50)}
		return
	}
	o.Freight = FreightRule{ChargeType: 1, FirstUnit: []int64{1, 1, 2, 3, 5}[g.intn(5)], FirstFee: xport.Fen(g.between(6, 12) * 50),
		NextUnit: []int64{1, 2, 5, 10}[g.intn(4)], NextFee: xport.Fen(g.between(1, 4) * 50)}
}

func (g *gen) attributes(o *Offer, rd *rootDef, sg *sellerGen, mat pair, cargo string) {
	brand := pair{"其他", "Other"}
	if g.chance(400) {
		brand = sg.brand
	}
	h := &hubs[sg.hub]
	o.Attrs = append(o.Attrs,
		Attr{ID: "2176", Name: "品牌", NameEN: "Brand", Value: brand.zh, ValueEN: brand.en},
		Attr{ID: "287", Name: rd.matName.zh, NameEN: rd.matName.en, Value: mat.zh, ValueEN: mat.en},
	)
	if rd.styles != nil {
		st := pick(g, rd.styles)
		o.Attrs = append(o.Attrs, Attr{ID: "1398", Name: "风格", NameEN: "Style", Value: st.zh, ValueEN: st.en})
	}
	o.Attrs = append(o.Attrs,
		Attr{ID: "7869", Name: "产地", NameEN: "Origin", Value: h.province + " " + h.city, ValueEN: h.cityEN + ", " + h.provEN},
		Attr{ID: "346", Name: "货号", NameEN: "Item No.", Value: cargo, ValueEN: cargo},
	)
	cb := pair{"是", "Yes"}
	if g.chance(250) {
		cb = pair{"否", "No"}
	}
	o.Attrs = append(o.Attrs, Attr{ID: "182282223", Name: "是否跨境出口专供货源", NameEN: "Cross-border Export Supply", Value: cb.zh, ValueEN: cb.en})
}

// markRarities makes the few offers that exercise refusals: not
// published (500_001), a SKU priced 0 (500_008), and sold out (500_004).
// Each is under 3% of the catalogue, as such listings are rare on 1688.
func (g *gen) markRarities(cat *Catalogue) {
	n := len(cat.Offers)
	perm := g.rng.Perm(n)
	next := 0
	take := func(ok func(*Offer) bool) *Offer {
		for ; next < n; next++ {
			if o := cat.Offers[perm[next]]; ok(o) {
				next++
				return o
			}
		}
		return nil
	}
	anyOffer := func(*Offer) bool { return true }
	statuses := []string{"auditing", "expired", "member expired"}
	for i := range max(2, n/100) {
		if o := take(anyOffer); o != nil {
			o.Status = statuses[i%len(statuses)]
		}
	}
	for range max(1, n/120) {
		o := take(func(o *Offer) bool { return o.QuoteType == 1 })
		if o == nil {
			break
		}
		o.SKUs[g.intn(len(o.SKUs))].Price = 0
		// The ladder entry of a per-SKU offer is its cheapest real price.
		low := xport.Fen(0)
		for _, s := range o.SKUs {
			if s.Price > 0 && (low == 0 || s.Price < low) {
				low = s.Price
			}
		}
		o.Tiers[0].Price = low
	}
	for range max(2, n/90) {
		if o := take(anyOffer); o != nil {
			for _, s := range o.SKUs {
				s.Stock = 0
			}
		}
	}
}

// sellerStats are the seller's fulfilment rates. They are a pure function
// of the seller so the search card and the filter codes always agree
// without the model carrying them.
type sellerStats struct {
	pickup24, pickup48 int // permille of orders collected within 24/48 h
	qualityRefund      int // quality refund rate, permille
	perfect30, delay7  int // permille
	medal              int // trade medal level 1-5
}

func statsOf(s *Seller) sellerStats {
	h := fnv.New64a()
	h.Write([]byte(s.OpenID))
	v := avalanche(h.Sum64())
	st := sellerStats{}
	st.pickup24 = 850 + int(v%151)
	st.pickup48 = st.pickup24 + int((v>>8)%uint64(1001-st.pickup24))
	if (v>>16)%5 != 0 {
		st.qualityRefund = int((v >> 20) % 120)
	}
	st.perfect30 = 880 + int((v>>28)%121)
	st.delay7 = int((v >> 36) % 60)
	st.medal = 1 + int((v>>44)%5)
	return st
}

// scoreTenths reads a "4.5" score as 45; anything unreadable is 0.
func scoreTenths(s string) int {
	w, f, _ := strings.Cut(s, ".")
	a, err := strconv.Atoi(w)
	if err != nil {
		return 0
	}
	b := 0
	if f != "" {
		b, _ = strconv.Atoi(f[:1])
	}
	return a*10 + b
}

// avalanche spreads every input bit over the whole word (the murmur3
// finaliser): FNV's low bits depend only on the inputs' low bits, and the
// callers take remainders.
func avalanche(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

func permilleText(p int) string { return strconv.Itoa(p/10) + "." + strconv.Itoa(p%10) + "%" }

// offerFilters lists the search filter codes (reference §3.1) the offer
// satisfies. Bands follow the documented ranges; the overall score bands
// are read as half-open ([4.5, 5) is Lv2) so each seller is in exactly one.
func offerFilters(o *Offer, fl offerFlag) map[string]bool {
	f := map[string]bool{}
	s := o.Seller
	switch c := scoreTenths(s.CompositeScore); {
	case c >= 50:
		f["totalEpScoreLv1"] = true
	case c >= 45:
		f["totalEpScoreLv2"] = true
	case c >= 40:
		f["totalEpScoreLv3"] = true
	default:
		f["totalEpScoreLv4"] = true
	}
	st := statsOf(s)
	for _, r := range []struct {
		prefix string
		v      int
	}{{"getRate24H", st.pickup24}, {"getRate48H", st.pickup48}} {
		if r.v < 950 {
			f[r.prefix+"Lv1"] = true
		}
		if r.v >= 950 {
			f[r.prefix+"Lv2"] = true
		}
		if r.v >= 990 {
			f[r.prefix+"Lv3"] = true
		}
	}
	// Quality refund bands are upper bounds, so a 0% seller is in all four.
	for _, b := range []struct {
		code string
		max  int
	}{{"qrr0", 0}, {"qrr1", 10}, {"qrr5", 50}, {"qrr10", 100}} {
		if st.qualityRefund <= b.max {
			f[b.code] = true
		}
	}
	if s.CertifiedFactory {
		f["certifiedFactory"] = true
	}
	// Shipping promises nest: what ships today also ships within 48 hours.
	if fl.shipDays <= 0 {
		f["shipInToday"] = true
	}
	if fl.shipDays <= 1 {
		f["shipIn24Hours"] = true
	}
	if fl.shipDays <= 2 {
		f["shipIn48Hours"] = true
	}
	set := func(code string, ok bool) {
		if ok {
			f[code] = true
		}
	}
	set("noReason7DReturn", fl.noReason7D)
	set("isOnePsale", fl.onePsale)
	set("isOnePsaleFreePost", fl.onePsaleFree)
	set("1688Selection", fl.selection)
	set("jxhy", fl.jxhy)
	set("new7", o.CreatedDaysAgo <= 7)
	set("new30", o.CreatedDaysAgo <= 30)
	return f
}

// describe writes the detail page HTML: the seller's blurb, a spec table,
// the options and the pictures, in Chinese with English beside it, as
// cross-border sellers write them.
func describe(o *Offer) string {
	var b strings.Builder
	b.Grow(3072)
	// raw writes markup, text writes escaped content; fmt would be simpler
	// but made this a third of the start-up time.
	raw := func(parts ...string) {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	text := func(parts ...string) {
		for _, p := range parts {
			if strings.ContainsAny(p, "<>&'\"") {
				p = html.EscapeString(p)
			}
			b.WriteString(p)
		}
	}
	num := func(n int64) string { return strconv.FormatInt(n, 10) }
	h := hubFor(o.Seller)
	raw("<p><strong>")
	text(o.Subject)
	raw("</strong></p>\n<p>")
	text(o.SubjectEN)
	raw("</p>\n<p>")
	text(o.Seller.City, "源头工厂，", o.Seller.Company, "。支持混批、一件代发，欢迎来样定制。")
	raw("<br/>")
	text("Factory direct from ", h.cityEN, " (", o.Seller.CompanyEN, "): mixed wholesale, dropshipping and OEM welcome.")
	raw("</p>\n<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tbody>\n<tr><th>参数 Spec</th><th>说明 Detail</th></tr>\n")
	for _, a := range o.Attrs {
		raw("<tr><td>")
		text(a.Name, " ", a.NameEN)
		raw("</td><td>")
		text(a.Value, " ", a.ValueEN)
		raw("</td></tr>\n")
	}
	raw("<tr><td>起批量 MOQ</td><td>")
	text(num(o.MOQ), o.Unit, " (", num(o.MOQ), " ", plural(o.UnitEN, o.MOQ), ")")
	raw("</td></tr>\n")
	if o.Batch > 1 {
		raw("<tr><td>每批数量 Lot size</td><td>")
		text(num(o.Batch), o.Unit, "的倍数 (multiples of ", num(o.Batch), ")")
		raw("</td></tr>\n")
	}
	raw("<tr><td>重量 Weight</td><td>", num(o.WeightGrams), "g</td></tr>\n</tbody></table>\n<ul>\n")
	for _, ax := range o.Axes {
		raw("<li>")
		text(ax.Name, "可选：")
		for i, v := range ax.Values {
			if i > 0 {
				raw("、")
			}
			text(v.Value)
		}
		text(" (", ax.NameEN, ": ")
		for i, v := range ax.Values {
			if i > 0 {
				raw(", ")
			}
			text(v.ValueEN)
		}
		raw(")</li>\n")
	}
	for _, t := range o.Tiers {
		raw("<li>≥", num(t.Start))
		text(o.Unit)
		raw("：¥", t.Price.Yuan(), "</li>\n")
	}
	switch {
	case o.Filters["shipInToday"]:
		raw("<li>当天发货 Ships the same day</li>\n")
	case o.Filters["shipIn24Hours"]:
		raw("<li>24小时内发货 Ships within 24 hours</li>\n")
	case o.Filters["shipIn48Hours"]:
		raw("<li>48小时内发货 Ships within 48 hours</li>\n")
	default:
		raw("<li>付款后3天内发货 Ships within 3 days of payment</li>\n")
	}
	if o.Filters["noReason7DReturn"] {
		raw("<li>支持7天无理由退货 7-day no-reason returns</li>\n")
	}
	raw("<li>质量问题包退换 Quality issues returned or exchanged</li>\n</ul>\n")
	for _, img := range o.Images {
		raw("<p><img src=\"")
		text(img)
		raw("\" alt=\"\"/></p>\n")
	}
	raw("<p>温馨提示：因拍摄光线及显示器不同，实物颜色可能略有差异。Colours may differ slightly from the photos.</p>")
	return b.String()
}

// plural is an English unit for a count: 1 piece, 6 pieces, 2 boxes.
func plural(unit string, n int64) string {
	switch {
	case n == 1 || unit == "":
		return unit
	case strings.HasSuffix(unit, "x"):
		return unit + "es"
	}
	return unit + "s"
}

// hubFor finds the hub a seller is in, for the English place names the
// model does not carry.
func hubFor(s *Seller) *hubDef {
	for i := range hubs {
		if hubs[i].city == s.City {
			return &hubs[i]
		}
	}
	return &hubDef{city: s.City, cityEN: s.City, province: s.Province, provEN: s.Province}
}

// LowestPrice is the lowest unit price anyone can pay for the offer: the
// last tier, or for per-SKU pricing the cheapest SKU. A SKU priced 0 is a
// listing error (500_008), not a price, and is skipped.
func (o *Offer) LowestPrice() xport.Fen {
	var low xport.Fen
	consider := func(p xport.Fen) {
		if p > 0 && (low == 0 || p < low) {
			low = p
		}
	}
	if o.QuoteType == 1 {
		for _, s := range o.SKUs {
			consider(s.Price)
		}
	}
	for _, t := range o.Tiers {
		consider(t.Price)
	}
	return low
}

// TierPrice is the unit price for a total quantity of the offer: the last
// tier whose start is at most qty (1688-rules §3.7). Below the first tier
// the first tier's price applies.
func (o *Offer) TierPrice(qty int64) xport.Fen {
	if len(o.Tiers) == 0 {
		return 0
	}
	p := o.Tiers[0].Price
	for _, t := range o.Tiers {
		if t.Start <= qty {
			p = t.Price
		}
	}
	return p
}

// SKUBySpec finds a SKU by its specId. An offer without axes has one
// internal SKU that 1688 never lists; ordering it sends specId "" (or that
// SKU's own spec id), and both find it.
func (o *Offer) SKUBySpec(specID string) *SKU {
	if specID == "" {
		if len(o.Axes) == 0 && len(o.SKUs) == 1 {
			return o.SKUs[0]
		}
		return nil
	}
	for _, s := range o.SKUs {
		if s.SpecID == specID {
			return s
		}
	}
	return nil
}

// SKUByID finds a SKU by its skuId.
func (o *Offer) SKUByID(skuID string) *SKU {
	for _, s := range o.SKUs {
		if s.ID == skuID {
			return s
		}
	}
	return nil
}

// SKULabel is the SKU's axis values joined, in Chinese and English
// ("白色 / M", "White / M"); empty for an offer without axes.
func (o *Offer) SKULabel(s *SKU) (zh, en string) {
	var a, b []string
	for i, v := range s.Values {
		if i < len(o.Axes) && v < len(o.Axes[i].Values) {
			a = append(a, o.Axes[i].Values[v].Value)
			b = append(b, o.Axes[i].Values[v].ValueEN)
		}
	}
	return strings.Join(a, " / "), strings.Join(b, " / ")
}

// provinceCode is the division code of a seller's province, for the
// same-province freight discount.
func provinceCode(name string) string {
	for i := range hubs {
		if hubs[i].province == name {
			return hubs[i].provinceCode
		}
	}
	return ""
}

// destinationPercent scales a freight template by destination, as 1688
// templates price remote regions separately: same province is cheaper,
// Xinjiang and Tibet cost the most.
func destinationPercent(dest, sellerProvince string) int64 {
	if dest == provinceCode(sellerProvince) {
		return 80
	}
	switch dest {
	case "650000", "540000": // 新疆, 西藏
		return 250
	case "710000", "810000", "820000": // 台湾, 香港, 澳门
		return 300
	case "630000", "640000", "620000", "150000": // 青海, 宁夏, 甘肃, 内蒙古
		return 160
	case "460000", "530000", "520000", "450000", "230000", "220000", "210000", "610000", "140000", "500000", "510000":
		return 120
	}
	return 100
}

// FreightQuote is a domestic freight estimate and the numbers behind it.
type FreightQuote struct {
	Total xport.Fen
	// FirstFee and NextFee are the template's fees after the destination
	// surcharge; Total = FirstFee + NextUnits*NextFee.
	FirstFee, NextFee xport.Fen
	// FirstUnit and NextUnit are grams when charging by weight, pieces
	// when by quantity.
	FirstUnit, NextUnit int64
	NextUnits           int64
}

// QuoteFreight prices shipping qty pieces to a province (a 6-digit
// division code such as "330000"). The order side charges what the
// freight estimate shows by calling this too.
func (o *Offer) QuoteFreight(provinceCode string, qty int64) FreightQuote {
	r := o.Freight
	q := FreightQuote{FirstUnit: r.FirstUnit, NextUnit: r.NextUnit}
	if r.FreePostage || qty <= 0 {
		return q
	}
	pct := destinationPercent(provinceCode, o.Seller.Province)
	q.FirstFee = xport.Fen((int64(r.FirstFee)*pct + 50) / 100)
	q.NextFee = xport.Fen((int64(r.NextFee)*pct + 50) / 100)
	amount := qty
	if r.ChargeType != 1 {
		amount = o.WeightGrams * qty
	}
	if amount > r.FirstUnit && r.NextUnit > 0 {
		q.NextUnits = (amount - r.FirstUnit + r.NextUnit - 1) / r.NextUnit
	}
	q.Total = q.FirstFee + xport.Fen(q.NextUnits)*q.NextFee
	return q
}
