import { loadWatchlist } from './fixtures';
import { formatStoryScores, formatStreamScores, scoreGeneratedStream, scoreSplits } from './stories/run-stories';
console.log(formatStoryScores(await scoreSplits(loadWatchlist())));
console.log(formatStreamScores(await scoreGeneratedStream()));
