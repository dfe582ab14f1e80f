module oncoboard/tools/linkemu

go 1.24
