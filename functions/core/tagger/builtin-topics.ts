import type { TopicDefinition } from '../watchlist';

/**
 * The built-in topics, written in the same format users write in a watchlist file (docs/tagging.md),
 * so they are examples as well. Terms are words and phrases; a `*` ends a word with any ending.
 */
const prisonerExchange: TopicDefinition = {
  id: 'prisoner-exchange',
  name: 'Prisoner exchange',
  threshold: 0.5,
  terms: {
    // Unambiguous on their own.
    SWAP_PHRASE: [
      'prisoner* swap*', 'prisoner* exchang*', 'prisoner* trade', 'prisoner* trades', 'swap* of prisoner*', 'exchang* of prisoner*',
      'trade of prisoner*', 'spy swap*', 'spy exchang*', 'pow swap*', 'pow exchang*', 'pows exchang*', 'exchang* of pows', 'swap* of pows',
      'prisoner* of war exchang*', 'captive* exchang*', 'exchang* of captive*', 'swap* of captive*', 'hostage* exchang*', 'hostage* swap*',
      'hostage* for prisoner*', 'detainee* swap*', 'detainee* exchang*', 'exchang* of detainee*', 'swap* of detainee*', 'prisoner* release deal',
      'обмен* пленн*', 'обмен* военнопленн*', 'обмен* заключенн*', 'обмен* узник*', 'обмен* задержанн*', 'обмен* заложник*',
      'обмен* осужденн*', 'обмен* шпион*', 'пленн* обмен*', 'военнопленн* обмен*', 'заключенн* обмен*',
    ],
    SWAP_NOUN: ['exchange', 'exchanges', 'swap', 'swaps', 'обмен*'],
    SWAP_OF: ['exchange of', 'swap of', 'swap for', 'exchange for', 'trade for', 'traded for', 'swapped for', 'exchanged for', 'trading for'],
    SWAP: ['exchange', 'exchanges', 'exchanged', 'exchanging', 'swap', 'swaps', 'swapped', 'swapping', 'trade', 'trades', 'traded', 'trading', 'обмен*', 'размен*'],
    FOR: ['in exchange for', 'in return for', 'in a swap for', 'in swap for', 'swap for', 'trade for', 'swapped for', 'traded for', 'exchanged for', 'freed for', 'в обмен на', 'обмен* на', 'взамен', 'in return'],
    CAPTIVE: [
      'prisoner', 'prisoners', 'detainee', 'detainees', 'captive', 'captives', 'pow', 'pows', 'held captive', 'held hostage', 'captivity', 'плен', 'плена', 'плену', 'пленом',
      'political prisoner*', 'wrongfully detained', 'spy', 'spies', 'captured soldiers', 'captured servicemen', 'captured troops',
      'captured fighters', 'prisoners-of-war', 'held in captivity', 'взяты* в плен', 'взятых в плен',
      'пленн*', 'военнопленн*', 'заключенн*', 'политзаключенн*', 'политузник*', 'узник*', 'осужденн*', 'задержанн*', 'шпион*', 'удерживаем*',
    ],
    INMATE: ['inmate', 'inmates', 'convict', 'convicts'],
    MILITARY: ['soldiers', 'servicemen', 'servicemembers', 'troops', 'fighters', 'военнослужащ*', 'солдат*', 'бойц*'],
    // Perfective forms only: imperfective "передает/передают" is mostly "reports" ("передает корреспондент").
    HANDOVER: ['handed over', 'hand over', 'handing over', 'hands over', 'hand back', 'handed back', 'handing back', 'hands back', 'handover', 'handovers', 'передаст', 'передал*', 'передан*', 'передать', 'передач*', 'передадут', 'передавать'],
    // A demand or appeal for someone's release is not an effort through a deal ("urged Russia to release the detained citizen").
    CALL: ['urged', 'urge', 'urges', 'urging', 'called for', 'calls for', 'call for', 'calling for', 'demanded', 'demand', 'demands',
      'demanding', 'appealed', 'appeals', 'призвал*', 'призыва*', 'потребова*', 'требу*'],
    // Repatriation of the dead is not an exchange of prisoners ("exchanged the bodies of fallen soldiers").
    REMAINS: ['bodies', 'remains', 'body of', 'тела', 'тел', 'телами', 'останки', 'останков'],
    HOSTAGE: ['hostage', 'hostages', 'заложник*'],
    JAIL: [
      'prison', 'prisons', 'jail', 'jails', 'jailed', 'imprisoned', 'imprisonment', 'detained', 'detention', 'sentence', 'sentences',
      'sentenced', 'convicted', 'custody', 'incarcerated', 'incarceration', 'penal colony', 'labor camp', 'labour camp', 'behind bars',
      'тюрьм*', 'тюремн*', 'колони*', 'приговор*', 'осужд*', 'арестова*', 'лишени* свобод*', 'заключени*', 'отбыва*',
    ],
    RELEASE: [
      'release', 'released', 'releasing', 'releases', 'free', 'freed', 'freeing', 'freedom', 'return', 'returned', 'returning',
      'repatriat*', 'bring home', 'bring back', 'brought home', 'brought back', 'bringing home', 'bringing back', 'come home', 'came home',
      'освобо*', 'освобожд*', 'вернуть', 'вернули', 'вернуться', 'вернул*', 'возвращ*', 'возврат*', 'на свобод*', 'выпуст*', 'отпуст*', 'отпущен*'
    ],
    NATIONALS: [
      'citizen', 'citizens', 'nationals', 'dual national', 'compatriot', 'compatriots', 'countryman', 'countrymen', 'americans', 'russians',
      'britons', 'ukrainians', 'iranians', 'germans', 'israelis', 'palestinians', 'armenians', 'azerbaijanis', 'belarusians', 'georgians',
      'canadians', 'australians', 'venezuelans', 'afghans', 'syrians', 'koreans', 'french nationals', 'chinese nationals', 'japanese nationals',
      'граждан*', 'соотечественник*', 'россиян*', 'американц*', 'иранц*', 'украинц*', 'немц*', 'армян*', 'азербайджанц*', 'израильтян*',
      'палестинц*', 'белорус*', 'иностранц*',
    ],
    // A release by name, not a return (a mutual release is two of these by two parties).
    FREE: ['release', 'released', 'releasing', 'releases', 'free', 'freed', 'freeing', 'frees', 'let go', 'commute*', 'clemency',
      'освобод*', 'освобожд*', 'выпуст*', 'выпуска*', 'отпуст*', 'помилова*'],
    // Parties that hold and release people (states, capitals, armed groups), so two of them mark a two-sided deal.
    PARTY: ['russia', 'moscow', 'kremlin', 'ukraine', 'kyiv', 'kiev', 'united states', 'u s', 'usa', 'washington', 'white house',
      'america', 'iran', 'tehran', 'israel', 'hamas', 'germany', 'berlin', 'belarus', 'minsk', 'venezuela', 'caracas', 'china', 'beijing',
      'north korea', 'pyongyang', 'britain', 'london', 'poland', 'warsaw', 'france', 'paris', 'belgium', 'taliban', 'afghanistan', 'azerbaijan', 'armenia',
      'sweden', 'norway', 'slovenia', 'lithuania', 'latvia', 'estonia', 'finland', 'denmark', 'netherlands', 'austria', 'italy', 'spain',
      'switzerland', 'japan', 'south korea', 'turkey', 'qatar', 'oman', 'syria', 'iraq', 'lebanon', 'cuba', 'nicaragua', 'colombia', 'canada',
      'australia', 'india', 'georgia', 'kazakhstan', 'houthis', 'hezbollah',
      'швеци*', 'норвеги*', 'словени*', 'литв*', 'латви*', 'эстони*', 'финлянди*', 'дани*', 'нидерланд*', 'австри*', 'итали*', 'испани*',
      'швейцари*', 'японии', 'япония', 'турци*', 'катар*', 'оман*', 'сири*', 'ирак*', 'куб*', 'канад*', 'австрали*', 'польш*', 'франци*',
      'британи*', 'грузи*', 'казахстан*', 'китай', 'китая', 'кнр', 'талибан*', 'хусит*', 'хезболл*',
      'россия', 'россии', 'москва', 'москвы', 'кремль', 'кремле', 'украина', 'украины', 'киев', 'киева', 'сша', 'вашингтон', 'вашингтона',
      'иран', 'ирана', 'тегеран', 'израиль', 'израиля', 'хамас', 'германия', 'германии', 'берлин', 'белоруссия', 'белоруссии', 'минск', 'венесуэла',
      'венесуэлы', 'каракас', 'american side', 'russian side', 'ukrainian side', 'u s side', 'iranian side', 'американск* сторон*',
      'российск* сторон*', 'украинск* сторон*', 'иранск* сторон*'],
    // Words that make a release two-sided.
    RECIPROCAL: ['each other', 'each side', 'both sides', 'in turn', 'reciprocal', 'reciprocally', 'mutual', 'mutually', 'in response',
      'в ответ', 'в свою очередь', 'взаимн*', 'обоюдн*', 'встречн*', 'друг друга', 'каждой стороны', 'обе стороны'],
    HOME: ['homeland', 'home country', 'native country', 'motherland', 'fatherland', 'родин*'],
    DEAL: [
      'deal', 'deals', 'negotiat*', 'talks', 'agreement', 'bargain', 'diplomatic', 'diplomacy', 'discuss*', 'political will',
      'humanitarian', 'mediat*', 'broker*', 'legal procedures', 'various options', 'proposal', 'offer', 'offered', 'arrangement', 'agreed', 'agree', 'contacts', 'договорил*', 'соглашени*', 'договоренност*', 'контакт*', 'переговор*', 'сделк*', 'договор*', 'гуманитарн*',
    ],
    TRANSFER: [
      'transfer of sentenced persons', 'transfer of prisoners', 'prisoner transfer*', 'transfer of convicts', 'передач* осужденн*',
      'передач* заключенн*', 'transferred to serve', 'sentenced persons', 'осужденных лиц', 'наказани* на родин*',
    ],
    TREATY: ['council of europe convention', 'strasbourg convention'],
    AMNESTY: [
      'parole', 'paroled', 'amnesty', 'amnestied', 'bail', 'pardon*', 'probation', 'early release', 'time served', 'served his sentence',
      'served her sentence', 'completed his sentence', 'completed her sentence', 'good behaviour', 'good behavior',
      'помилов*', 'амнисти*', 'досрочн*', 'удо',
      'after serving', 'having served', 'served out', 'served his term', 'served her term', 'end of his sentence', 'end of her sentence',
      'отбыв', 'отбыл', 'отбыла', 'отбыли', 'по отбытии', 'отбытия срока', 'отбытия наказания',
      // Releases by a court or the police: no deal involved.
      'charges were dropped', 'charges dropped', 'dropped the charges', 'dropped charges', 'acquitted', 'acquittal', 'cleared of',
      'deported', 'deportation', 'expulsion', 'оправда*', 'депортир*', 'депортаци*', 'выдворени*', 'выдворя*', 'прекратил* дело', 'прекращени* дела',
    ],
  },
  rules: [
    { all: ['SWAP_PHRASE'], weight: 0.95 },
    { all: ['SWAP', 'CAPTIVE'], weight: 0.85 },
    { all: ['SWAP', 'HOSTAGE', 'RELEASE|NATIONALS|DEAL|@person'], weight: 0.8 },
    { all: ['FOR', 'CAPTIVE|JAIL|NATIONALS|@person'], weight: 0.85 },
    // "released one woman in return for water": a release traded for something needs a prisoner cue nearby.
    { all: ['FOR', 'RELEASE'], scope: 'nearby', weight: 0.45 },
    { all: ['SWAP', 'JAIL', 'NATIONALS|@person|RELEASE'], weight: 0.8 },
    { all: ['SWAP', 'RELEASE', 'NATIONALS|@person'], weight: 0.7 },
    { all: ['SWAP', 'CAPTIVE|HOSTAGE|JAIL'], scope: 'nearby', weight: 0.35 },
    { all: ['SWAP', '@person'], scope: 'nearby', weight: 0.4 },
    { all: ['RELEASE', 'NATIONALS|HOME', 'JAIL|CAPTIVE'], none: ['AMNESTY', 'CALL'], weight: 0.6 },
    { all: ['DEAL', 'RELEASE', 'CAPTIVE|JAIL|INMATE|@person'], none: ['AMNESTY'], weight: 0.6 },
    { all: ['DEAL', 'RELEASE|JAIL|CAPTIVE', 'NATIONALS'], weight: 0.6 },
    { all: ['DEAL', 'RELEASE', 'CAPTIVE|JAIL|@person'], scope: 'nearby', none: ['AMNESTY'], weight: 0.5 },
    { all: ['SWAP_OF', '@person'], weight: 0.75 },
    { all: ['SWAP_NOUN', '@person', 'DEAL'], weight: 0.7 },
    { all: ['HANDOVER', 'MILITARY|CAPTIVE', 'RELEASE'], none: ['REMAINS'], weight: 0.6 },
    { all: ['TRANSFER'], weight: 0.7 },
    { all: ['HANDOVER', 'CAPTIVE|JAIL', 'NATIONALS|HOME'], weight: 0.6 },
    { all: ['RELEASE', 'HOME', 'DEAL|JAIL|CAPTIVE|@person'], scope: 'nearby', none: ['AMNESTY', 'CALL'], weight: 0.4 },
    { all: ['TREATY'], weight: 0.3 },
    // Two-sided releases without a swap word: "Russia is releasing Fogel, and the U.S. will be releasing Vinnik".
    { all: ['FREE', 'FREE', 'PARTY', 'PARTY', 'CAPTIVE|JAIL|HOSTAGE|NATIONALS|@person'], weight: 0.75 },
    { all: ['FREE', 'FREE', 'PARTY', 'PARTY'], scope: 'nearby', weight: 0.4 },
    { all: ['FREE', 'RECIPROCAL', 'CAPTIVE|JAIL|HOSTAGE|NATIONALS|@person'], none: ['AMNESTY'], weight: 0.7 },
    { all: ['SWAP', 'MILITARY', 'RELEASE|HOME|HANDOVER|CAPTIVE'], none: ['REMAINS'], weight: 0.7 },
  ],
  exclude: [
    'stock exchange*', 'exchange rate*', 'foreign exchange', 'currency exchange*', 'exchange of fire', 'exchanges of fire', 'exchanged fire',
    'exchanging fire', 'exchange fire', 'exchanged gunfire', 'exchange of gunfire', 'exchange of shots', 'exchanged shots', 'student exchange*',
    'exchange student*', 'exchange program*', 'cultural exchange*', 'exchange of views', 'exchange of information', 'exchange of ideas', 'exchange of letters', 'exchange of messages', 'exchange of words', 'exchange of gifts',
    'exchange of notes', 'exchange of documents', 'exchange of experience', 'exchange of data', 'exchange of opinions', 'traded weapons', 'traded arms',
    'exchanged messages', 'exchanged vows', 'exchange vows', 'exchanged words', 'exchanged blows', 'exchange blows', 'exchanged glances',
    'exchanged pleasantries', 'exchanged gifts', 'heated exchange', 'crypto exchange*', 'cryptocurrency exchange*', 'exchange traded',
    'commodity exchange*', 'trade war', 'trade wars', 'trade deal', 'trade deals', 'free trade', 'trade talks', 'trade union*',
    'arms trade', 'drug trade', 'trade agreement*', 'trade minister', 'trade secretary', 'world trade', 'fair trade', 'slave trade',
    'trade route*', 'trade deficit', 'trade surplus', 'trade barrier*', 'trade partner*', 'trade tariff*', 'traded higher', 'traded lower',
    'traded at', 'traded on', 'shares traded',
    'traded fire', 'trading fire', 'trade fire', 'traded shots', 'traded blows', 'traded accusations', 'trade accusations', 'trading accusations',
    'traded barbs', 'exchanged barbs', 'exchanged accusations', 'exchange accusations', 'exchanging accusations', 'traded insults', 'exchanged insults',
    'trade on', 'trading on', 'insider trading', 'securities trading', 'stock trading', 'trading session*', 'trading day', 'trading volume*',
    'trading floor', 'trading partner*', 'trading house', 'trading company', 'trading firm', 'trading platform*', 'trading in', 'dollar trading',
    'currency trading', 'trading account*', 'trading scheme', 'moscow exchange', 'crypto trading',
    'обменялись обвинениями', 'обмен обвинениями', 'обменялись ударами', 'обмениваются огнем', 'обменивались огнем', 'currency swap*', 'debt swap*', 'swap line*', 'interest rate swap*', 'credit default swap*',
    'face swap', 'job swap', 'house swap', 'free of charge', 'free speech', 'free press', 'free market', 'free elections', 'for free',
    'free agent*', 'free kick*', 'free throw*', 'duty free', 'tax free', 'press release*', 'news release*', 'release date', 'new release',
    'released a statement', 'released a report', 'released a video', 'released the results',
    'released footage', 'released images', 'released photos', 'released a photo', 'released documents', 'released data', 'released figures',
    'released details', 'released its report', 'released a list', 'radio free europe', 'free europe', 'free world', 'visa free', 'free zone',
    'feel free', 'free up', 'freed up', 'free fall', 'free time', 'tax return*',
    'homeland security', 'national security', 'hostage diplomacy', 'hostage-taking diplomacy',
    'обмен* валют*', 'курс* обмен*', 'обмен* огнем', 'обмен* огня', 'обмен* опыт*', 'обмен* мнени*', 'обмен* информаци*', 'обмен* ударами',
    'студенческ* обмен*', 'обменн* пункт*', 'обмен* любезност*', 'обмен* данн*', 'заключени* договор*', 'заключени* сделк*',
  ],
};

export const BUILTIN_TOPICS: readonly TopicDefinition[] = [prisonerExchange];
export const BUILTIN_TOPIC_IDS: readonly string[] = BUILTIN_TOPICS.map((t) => t.id);
